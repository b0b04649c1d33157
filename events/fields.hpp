// Compile-time field lists for records: event payloads and the folded state.
//
// STRIKE_FIELDS(a, b, c) inside a struct declares
//   static constexpr int field_count = 3;
//   template <class Self, class Visitor> static void visit_fields(Self& self, Visitor&& v);
// which calls v("a", self.a), v("b", self.b), v("c", self.c) in declaration order. The JSON
// codecs and the tests walk fields through it, so the order written here is the order on disk.
// Up to 32 fields.
#pragma once

#define STRIKE_PP_NARG(...) STRIKE_PP_NARG_(__VA_ARGS__, STRIKE_PP_RSEQ())
#define STRIKE_PP_NARG_(...) STRIKE_PP_ARG_N(__VA_ARGS__)
#define STRIKE_PP_ARG_N(_1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _16, _17, _18, _19, _20, _21, _22, _23, _24, _25, _26, _27, _28, _29, _30, _31, _32, N, ...) N
#define STRIKE_PP_RSEQ() 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0
#define STRIKE_PP_CAT(a, b) STRIKE_PP_CAT_(a, b)
#define STRIKE_PP_CAT_(a, b) a##b

#define STRIKE_VISIT_1(f) v(#f, self.f);
#define STRIKE_VISIT_2(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_1(__VA_ARGS__)
#define STRIKE_VISIT_3(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_2(__VA_ARGS__)
#define STRIKE_VISIT_4(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_3(__VA_ARGS__)
#define STRIKE_VISIT_5(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_4(__VA_ARGS__)
#define STRIKE_VISIT_6(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_5(__VA_ARGS__)
#define STRIKE_VISIT_7(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_6(__VA_ARGS__)
#define STRIKE_VISIT_8(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_7(__VA_ARGS__)
#define STRIKE_VISIT_9(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_8(__VA_ARGS__)
#define STRIKE_VISIT_10(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_9(__VA_ARGS__)
#define STRIKE_VISIT_11(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_10(__VA_ARGS__)
#define STRIKE_VISIT_12(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_11(__VA_ARGS__)
#define STRIKE_VISIT_13(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_12(__VA_ARGS__)
#define STRIKE_VISIT_14(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_13(__VA_ARGS__)
#define STRIKE_VISIT_15(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_14(__VA_ARGS__)
#define STRIKE_VISIT_16(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_15(__VA_ARGS__)
#define STRIKE_VISIT_17(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_16(__VA_ARGS__)
#define STRIKE_VISIT_18(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_17(__VA_ARGS__)
#define STRIKE_VISIT_19(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_18(__VA_ARGS__)
#define STRIKE_VISIT_20(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_19(__VA_ARGS__)
#define STRIKE_VISIT_21(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_20(__VA_ARGS__)
#define STRIKE_VISIT_22(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_21(__VA_ARGS__)
#define STRIKE_VISIT_23(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_22(__VA_ARGS__)
#define STRIKE_VISIT_24(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_23(__VA_ARGS__)
#define STRIKE_VISIT_25(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_24(__VA_ARGS__)
#define STRIKE_VISIT_26(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_25(__VA_ARGS__)
#define STRIKE_VISIT_27(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_26(__VA_ARGS__)
#define STRIKE_VISIT_28(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_27(__VA_ARGS__)
#define STRIKE_VISIT_29(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_28(__VA_ARGS__)
#define STRIKE_VISIT_30(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_29(__VA_ARGS__)
#define STRIKE_VISIT_31(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_30(__VA_ARGS__)
#define STRIKE_VISIT_32(f, ...) STRIKE_VISIT_1(f) STRIKE_VISIT_31(__VA_ARGS__)

#define STRIKE_FIELDS(...)                                                                 \
  static constexpr int field_count = STRIKE_PP_NARG(__VA_ARGS__);                          \
  template <class Self, class Visitor>                                                     \
  static void visit_fields(Self& self, Visitor&& v) {                                      \
    STRIKE_PP_CAT(STRIKE_VISIT_, STRIKE_PP_NARG(__VA_ARGS__))(__VA_ARGS__)                  \
  }
