#include "core/idempotency_keys.hpp"

#include <algorithm>
#include <cassert>
#include <functional>

namespace strike::core {
namespace {

std::uint32_t hash_of(std::string_view key) {
  return static_cast<std::uint32_t>(std::hash<std::string_view>{}(key));
}

std::uint32_t slot_hash(std::uint64_t s) {
  return static_cast<std::uint32_t>(s >> 32);
}
std::size_t slot_index(std::uint64_t s) {
  return static_cast<std::size_t>(s & 0xffff'ffff) - 1;
}

// Slots for n keys: a power of two, at least 64, at most half full.
std::size_t slots_for(std::size_t n) {
  std::size_t capacity = 64;
  while (capacity < 2 * n) capacity *= 2;
  return capacity;
}

}  // namespace

std::size_t idempotency_keys::find(std::string_view key, std::uint32_t hash) const {
  if (slots_.empty()) return entries_.size();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const slot s = slots_[i];
    if (s == 0) return entries_.size();
    if (slot_hash(s) != hash) continue;
    const std::size_t index = slot_index(s);
    if (key_of(entries_[index]) == key) return index;
  }
}

void idempotency_keys::place(std::uint32_t hash, std::size_t index) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = (static_cast<slot>(hash) << 32) | (index + 1);
}

void idempotency_keys::rebuild_slots(std::size_t capacity) {
  slots_.assign(capacity, 0);
  for (std::size_t i = 0; i < entries_.size(); ++i) place(entries_[i].hash, i);
}

bool idempotency_keys::contains(std::string_view key) const {
  return find(key, hash_of(key)) != entries_.size();
}

void idempotency_keys::insert(std::string_view key, std::int64_t ts) {
  const std::uint32_t hash = hash_of(key);
  if (find(key, hash) != entries_.size()) return;
  // Indexes and key sizes are 32-bit; a week of keys is far below either limit.
  assert(entries_.size() < 0xffff'fffe && key.size() <= 0xffff'ffff);
  if (2 * (entries_.size() + 1) > slots_.size())
    rebuild_slots(slots_.empty() ? 64 : 2 * slots_.size());
  entries_.push_back({bytes_.size(), static_cast<std::uint32_t>(key.size()), hash, ts});
  bytes_.append(key);
  place(hash, entries_.size() - 1);
}

void idempotency_keys::reserve(std::size_t n) {
  const std::size_t average = entries_.empty() ? 64 : bytes_.size() / entries_.size() + 1;
  entries_.reserve(n);
  bytes_.reserve(n * average);
  if (const std::size_t capacity = slots_for(n); capacity > slots_.size()) rebuild_slots(capacity);
}

void idempotency_keys::forget_before(std::int64_t ts) {
  const auto old = [ts](const entry& e) { return e.ts < ts; };
  if (std::none_of(entries_.begin(), entries_.end(), old)) return;
  // In place, in insertion order: each kept key moves down over the forgotten ones, so the
  // buffers keep the room they have, and the table keeps its size.
  std::size_t kept = 0;
  std::uint64_t end = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const entry e = entries_[i];
    if (old(e)) continue;
    std::copy_n(bytes_.begin() + static_cast<std::ptrdiff_t>(e.offset), e.size,
                bytes_.begin() + static_cast<std::ptrdiff_t>(end));
    entries_[kept++] = {end, e.size, e.hash, e.ts};
    end += e.size;
  }
  entries_.resize(kept);
  bytes_.resize(end);
  rebuild_slots(slots_.size());
}

bool idempotency_keys::operator==(const idempotency_keys& other) const {
  if (size() != other.size()) return false;
  for (const auto& e : entries_) {
    const std::size_t i = other.find(key_of(e), e.hash);
    if (i == other.entries_.size() || other.entries_[i].ts != e.ts) return false;
  }
  return true;
}

}  // namespace strike::core
