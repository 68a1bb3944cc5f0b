/*
 * The bounded top tables of the native summary kernel: report/top-table.ts in C++, slot for slot
 * (64-byte slots: int32 hash, key length, 8 inline key words; float64 metrics at 5..7), with the
 * same key encoding, hash, growth and Misra-Gries purge, so that JavaScript can absorb or take
 * over a kernel table as it would another thread's. Knows nothing of flow logs.
 */
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

namespace {

constexpr int SLOT_I32 = 16;
constexpr int INLINE = 8;
constexpr uint32_t INITIAL = 16384;

inline uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

/** KeyBatch of top-table.ts for one key: words with the same running hash. */
struct Key {
  std::vector<int32_t> w;
  size_t n = 0;
  uint32_t h = 0;

  Key() : w(64) {}

  Key& begin() {
    n = 0;
    h = 0x9747b28cu;
    return *this;
  }

  Key& word(uint32_t v) {
    if (n == w.size()) w.resize(w.size() * 2);
    w[n++] = static_cast<int32_t>(v);
    uint32_t k = v * 0xcc9e2d51u;
    k = rotl(k, 15);
    k *= 0x1b873593u;
    uint32_t x = h ^ k;
    x = rotl(x, 13);
    h = x * 5 + 0xe6546b64u;
    return *this;
  }

  Key& ipv4(uint32_t v) { return word(4).word(v); }

  /** Bytes: their count, then four to a word, big-endian. */
  Key& bytes(const uint8_t* b, size_t s, size_t e) {
    word(static_cast<uint32_t>(e - s));
    size_t j = s;
    for (; j + 4 <= e; j += 4)
      word((uint32_t(b[j]) << 24) | (uint32_t(b[j + 1]) << 16) | (uint32_t(b[j + 2]) << 8) | b[j + 3]);
    if (j < e) {
      uint32_t x = 0;
      for (int sh = 24; j < e; j++, sh -= 8) x |= uint32_t(b[j]) << sh;
      word(x);
    }
    return *this;
  }

  int32_t hash() const {
    uint32_t x = h ^ static_cast<uint32_t>(n);
    x ^= x >> 16;
    x *= 0x85ebca6bu;
    x ^= x >> 13;
    x *= 0xc2b2ae35u;
    x ^= x >> 16;
    return static_cast<int32_t>(x);
  }
};

/**
 * The k-th largest (1-based, k < v.size()) of v, as TopTable's kthLargest. Most of a full table is
 * below the answer: a threshold from an evenly spaced sample keeps about 1.5 k candidates, and when
 * at least k values reach it the answer is among them; otherwise all values are searched.
 */
double kthLargest(const std::vector<double>& v, size_t k) {
  const size_t n = v.size();
  if (n >= 8 * k && n >= 4096) {
    constexpr size_t S = 512;
    double sample[S];
    for (size_t j = 0; j < S; j++) sample[j] = v[j * n / S];
    const size_t rank = std::min(S - 1, (S * k * 3) / (2 * n) + 8);
    std::nth_element(sample, sample + rank, sample + S, std::greater<double>());
    const double t = sample[rank];
    std::vector<double> w;
    w.reserve(2 * k + S);
    for (double x : v)
      if (x >= t) w.push_back(x);
    if (w.size() >= k) {
      std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(k - 1), w.end(), std::greater<double>());
      return w[k - 1];
    }
  }
  std::vector<double> w(v);
  std::nth_element(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(k - 1), w.end(), std::greater<double>());
  return w[k - 1];
}

/** TopTable of top-table.ts: the same slots (64 bytes: int32 hash, length, 8 key words; float64 metrics at 5..7). */
class Table {
 public:
  explicit Table(uint32_t maxKeys) : maxKeys_(maxKeys), keep_(std::max<uint32_t>(1, maxKeys / 16)) {
    alloc(std::min(INITIAL, maxKeys));
  }

  /**
   * Queues the key's metrics and prefetches its home slot; queued keys are added in order when the
   * queue is full, so the cache misses of a batch overlap (the two passes of TopTable.flush).
   */
  void add(const Key& k, double a, double b, double c) {
    const int32_t h = k.hash();
    __builtin_prefetch(mem_.data() + (static_cast<uint32_t>(h) & mask_) * 8);
    Pending& p = pending_[npending_];
    p.h = h;
    p.len = static_cast<int32_t>(k.n);
    p.off = static_cast<int32_t>(words_.size());
    p.a = a;
    p.b = b;
    p.c = c;
    words_.insert(words_.end(), k.w.begin(), k.w.begin() + static_cast<std::ptrdiff_t>(k.n));
    if (++npending_ == BATCH) flush();
  }

  void flush() {
    for (int j = 0; j < npending_; j++) {
      const Pending& p = pending_[j];
      add(p.h, words_.data() + p.off, p.len, p.a, p.b, p.c);
    }
    npending_ = 0;
    words_.clear();
  }

  /** Adds an entry of another table in the same layout (TopTable.absorb, entry by entry). */
  void absorbEntry(int32_t h, const int32_t* w, int32_t len, double a, double b, double c) {
    flush();
    add(h, w, len, a, b, c);
  }

  double maxError[3] = {0, 0, 0};
  bool approx = false;

  const std::vector<double>& slots() const { return mem_; }
  const std::vector<int32_t>& arena() const { return arena_; }

 private:
  static constexpr int BATCH = 16;
  struct Pending {
    int32_t h, len, off;
    double a, b, c;
  };
  Pending pending_[BATCH];
  int npending_ = 0;
  std::vector<int32_t> words_;

  int32_t* i32() { return reinterpret_cast<int32_t*>(mem_.data()); }

  void add(int32_t h, const int32_t* w, int32_t len, double a, double b, double c) {
    int32_t* t = i32();
    uint32_t i = static_cast<uint32_t>(h) & mask_;
    for (;;) {
      const uint32_t o = i * SLOT_I32;
      const int32_t l = t[o + 1];
      if (l == 0) break;
      if (t[o] == h && l == len && same(o, w, len)) {
        double* f = mem_.data() + (o >> 1) + 5;
        f[0] += a;
        f[1] += b;
        f[2] += c;
        return;
      }
      i = (i + 1) & mask_;
    }
    if (size_ == cap_) {
      if (cap_ < maxKeys_) alloc(std::min(cap_ * 2, maxKeys_));
      else purge();
      i = freeSlot(h);
      t = i32();
    }
    const uint32_t o = i * SLOT_I32;
    t[o] = h;
    t[o + 1] = len;
    if (len <= INLINE) {
      for (int32_t x = 0; x < len; x++) t[o + 2 + x] = w[x];
    } else {
      t[o + 2] = store(w, len);
    }
    double* f = mem_.data() + (o >> 1) + 5;
    f[0] = a;
    f[1] = b;
    f[2] = c;
    size_++;
  }

  bool same(uint32_t o, const int32_t* w, int32_t len) {
    const int32_t* t = i32();
    const int32_t* k = len <= INLINE ? t + o + 2 : arena_.data() + t[o + 2];
    for (int32_t j = 0; j < len; j++)
      if (k[j] != w[j]) return false;
    return true;
  }

  uint32_t freeSlot(int32_t h) {
    const int32_t* t = i32();
    uint32_t i = static_cast<uint32_t>(h) & mask_;
    while (t[i * SLOT_I32 + 1] != 0) i = (i + 1) & mask_;
    return i;
  }

  int32_t store(const int32_t* w, int32_t len) {
    const int32_t start = static_cast<int32_t>(arena_.size());
    arena_.insert(arena_.end(), w, w + len);
    return start;
  }

  void alloc(uint32_t cap) {
    std::vector<double> old;
    old.swap(mem_);
    uint32_t slots = 16;
    while (slots < cap * 2) slots *= 2;
    mem_.assign(static_cast<size_t>(slots) * 8, 0.0);
    mask_ = slots - 1;
    cap_ = cap;
    const int32_t* o32 = reinterpret_cast<const int32_t*>(old.data());
    const size_t oldSlots = old.size() / 8;
    for (size_t s = 0; s < oldSlots; s++) {
      const size_t o = s * SLOT_I32;
      if (o32[o + 1] == 0) continue;
      const uint32_t n = freeSlot(o32[o]);
      std::memcpy(mem_.data() + n * 8, old.data() + s * 8, 64);
    }
  }

  /** The batch decrement of Misra-Gries on every metric, as TopTable.purge. */
  void purge() {
    const uint32_t slots = mask_ + 1;
    int32_t* t = i32();
    double* f = mem_.data();
    std::vector<uint32_t> where;
    std::vector<double> m[3];
    where.reserve(size_);
    for (auto& v : m) v.reserve(size_);
    for (uint32_t i = 0; i < slots; i++) {
      if (t[i * SLOT_I32 + 1] == 0) continue;
      where.push_back(i);
      for (int x = 0; x < 3; x++) m[x].push_back(f[i * 8 + 5 + x]);
    }
    const size_t c = where.size();
    double cut[3] = {0, 0, 0};
    for (int x = 0; x < 3; x++) {
      if (c > keep_) cut[x] = kthLargest(m[x], keep_ + 1);
      maxError[x] += cut[x];
    }
    // Survivors are set aside, every slot emptied, then they move back in.
    std::vector<double> saved;
    saved.reserve(c * 8);
    for (size_t j = 0; j < c; j++) {
      double* s = f + where[j] * 8;
      const double a = m[0][j] - cut[0];
      const double b = m[1][j] - cut[1];
      const double d = m[2][j] - cut[2];
      if (a > 0 || b > 0 || d > 0) {
        s[5] = std::max(0.0, a);
        s[6] = std::max(0.0, b);
        s[7] = std::max(0.0, d);
        saved.insert(saved.end(), s, s + 8);
      }
      t[where[j] * SLOT_I32 + 1] = 0;
    }
    std::vector<int32_t> oldArena;
    oldArena.swap(arena_);
    const size_t n = saved.size() / 8;
    for (size_t j = 0; j < n; j++) {
      const int32_t* s32 = reinterpret_cast<const int32_t*>(saved.data() + j * 8);
      const uint32_t o = freeSlot(s32[0]);
      std::memcpy(f + o * 8, saved.data() + j * 8, 64);
      const int32_t len = s32[1];
      if (len > INLINE) t[o * SLOT_I32 + 2] = store(oldArena.data() + s32[2], len);
    }
    size_ = static_cast<uint32_t>(n);
    approx = true;
  }

  uint32_t maxKeys_;
  uint32_t keep_;
  uint32_t cap_ = 0;
  uint32_t size_ = 0;
  uint32_t mask_ = 0;
  std::vector<double> mem_;
  std::vector<int32_t> arena_;
};

}  // namespace
