#include <doctest/doctest.h>

#include "brokers/redactor.hpp"

using strike::brokers::redactor;

TEST_CASE("Every registered secret is masked wherever it appears") {
  redactor r;
  r.add("4321");
  r.add("JBSWY3DPEHPK3PXP");
  CHECK(r.clean("login with 4321 and JBSWY3DPEHPK3PXP, again 4321") ==
        "login with *** and ***, again ***");
  CHECK(r.clean("nothing secret here") == "nothing secret here");
}

TEST_CASE("A longer secret containing a shorter one is masked whole") {
  redactor r;
  r.add("abcd");
  r.add("xxabcdyy");
  CHECK(r.clean("token xxabcdyy") == "token ***");
}

TEST_CASE("Secrets shorter than four characters are ignored") {
  redactor r;
  r.add("12");
  CHECK(r.clean("order 12") == "order 12");
}

TEST_CASE("Rotating secrets keep only the newest, and permanent ones stay") {
  redactor r;
  r.add("the-api-key");
  for (std::size_t i = 0; i < redactor::max_rotating + 1; ++i)
    r.add_rotating("token-" + std::to_string(i));
  CHECK(r.clean("token-0") == "token-0");
  CHECK(r.clean("token-1") == "***");
  CHECK(r.clean("the-api-key") == "***");
}
