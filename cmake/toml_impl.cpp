// The one translation unit that holds toml++'s compiled code.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
