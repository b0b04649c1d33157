// The on-disk format of closed bars: per-day JSONL files, one bar per line.
//
//   {"i":"NSE:99926000","tf":"5m","t":1760933700000000000,"o":2500000,"h":2501500,"l":2499000,"c":2500500,"v":1200,"oi":0}
//
//   i    instrument, "EXCHANGE:TOKEN"
//   tf   timeframe: "1m", "5m", "15m", "1h" or "1d"
//   t    bar start, UTC nanoseconds (the bar covers [t, t + timeframe), cut at 15:30 IST)
//   o    open, integer paise
//   h    high, integer paise
//   l    low, integer paise
//   c    close, integer paise
//   v    volume traded in the bar, units
//   oi   open interest at the bar's close, units (0 when not known)
//
// Files: <dir>/<YYYY-MM-DD>.jsonl, named by the IST date of the bars' starts. Bars of one
// (instrument, timeframe) appear in start order within a file. Days older than the configured
// age are compressed to <YYYY-MM-DD>.jsonl.zst (one zstd frame of the same text).
//
// Durability: bar lines are appended with write(2) and fsynced when the writer moves to another
// day or closes; a crash can lose the last lines, and a torn last line (no newline) is ignored
// on reading. Bars are not the system of record (the journal is; missing bars are backfilled),
// so losing the newest lines costs a backfill, never a wrong bar. `striked data fetch` instead
// replaces a whole day file at once (temporary file, fsync, rename), so a day it was writing
// when interrupted is either the old file or the new one.
//
// Fetch ledger: <dir>/fetched.jsonl, written by `striked data fetch`, one line per series of a
// day whose candles were taken from the broker once that day's session had closed (so the
// broker's answer was final):
//
//   {"d":"2026-01-05","i":"NFO:40012","tf":"1m","n":375}
//
//   d    the IST date of the day file
//   i    instrument, "EXCHANGE:TOKEN"
//   tf   timeframe, as in the bar lines
//   n    bars of (i, tf) the day file held after the fetch (0: the broker had none)
//
// A series counts as fetched only while its day file still holds exactly n bars of it, so a
// deleted or edited day file is fetched again. Lines are appended and fsynced after the day
// file is in place; a later line for the same (d, i, tf) replaces an earlier one; a torn last
// line is ignored.
#pragma once

#include <cstddef>
#include <string_view>

namespace strike::storage::bar_file {

inline constexpr std::string_view extension = ".jsonl";
inline constexpr std::string_view compressed_extension = ".jsonl.zst";
// A line longer than this is damage, not a bar.
inline constexpr std::size_t max_line_bytes = 512;
// zstd level for old days: small files, compressed once.
inline constexpr int zstd_level = 9;
// The fetch ledger's file name.
inline constexpr std::string_view ledger_name = "fetched.jsonl";

}  // namespace strike::storage::bar_file
