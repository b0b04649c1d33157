// The parameters a journaled run traded with. The journal holds only its configuration's path
// and hash (ConfigLoaded); the file is read back, and trusted only if it still has that hash.
#pragma once

#include "daemon/report/report_data.hpp"

namespace strike::daemon::report {

// Fills h.parameters with the strategy's parameters and the trading sections ([strategy],
// [exits], [risk], [ladder], [vix]) as "section.key" → value, or h.parameters_note with the
// reason they are unknown.
void read_run_parameters(run_header& h);

}  // namespace strike::daemon::report
