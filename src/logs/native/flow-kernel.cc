/*
 * Optional native kernel of `vpcsim logs summary` for flow logs (built by scripts/build-native.mjs,
 * loaded by kernel.ts; without it everything runs in JavaScript, with the same answers).
 *
 * What it knows: the fast path of read/flow-parser.ts (`FlowParser.fast`: one space between fields,
 * each field read by its column kind: integer within bounds, dotted IPv4, enum value, text; `-` is
 * null) and the totals of report/flow-summary.ts (`FlowSummary.record`), kept in tables with the
 * slot layout, key encoding, hash and Misra-Gries purge of report/top-table.ts, so that JavaScript
 * absorbs them as it absorbs a worker thread's tables.
 *
 * What it does not know: headers, blank lines, IPv6, malformed lines, warnings, line numbers,
 * CloudWatch events, Parquet. At the first line it would not take it stops, and JavaScript reads
 * that line (the general path); it never takes a line the JavaScript fast path would refuse.
 */
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace {

// kernel.ts refuses a kernel built from another version of this file.
constexpr int32_t KERNEL_VERSION = 2;

constexpr int KIND_TEXT = 0;
constexpr int KIND_INT = 1;
constexpr int KIND_IP = 2;
constexpr int KIND_ENUM = 3;

// The accumulator (a Float64Array owned by JavaScript, kernel.ts ACC_*): [0, 4) what the last
// take() read (lines, parsed, nodata, skipdata); then the summary's scalars and arrays.
constexpr int ACC_RECORDS = 4;  // records, accepted, rejected, packets, bytes, start, end, hasLost
constexpr int ACC_PROTOCOLS = 12;
constexpr int PROTO_SLOTS = 257;
constexpr int PS = 5;  // records, packets, bytes, accepted, rejected
constexpr int ACC_ADMIN = ACC_PROTOCOLS + PROTO_SLOTS * PS;
constexpr int ADMIN_SLOTS = 16;
constexpr int ACC_FAM = ACC_ADMIN + ADMIN_SLOTS * PS;
constexpr int ACC_LOST = ACC_FAM + 6;
constexpr int ACC_SIZE = ACC_LOST + 4;

constexpr int TCP = 6;
constexpr int UDP = 17;

// ---- Keys and tables (report/top-table.ts) ----

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

// ---- Formats ----

struct Format {
  int ncol = 0;
  std::vector<int8_t> kinds;
  std::vector<double> mins;
  std::vector<double> maxs;
  std::vector<uint8_t> closed;
  /** Per column: its enum values. */
  std::vector<std::vector<std::vector<uint8_t>>> enums;
  int status = -1;
  // The columns FlowSummary.resolve looks up, -1 when absent.
  int cSrc = -1, cDst = -1, cDport = -1, cProto = -1, cPackets = -1, cBytes = -1, cStart = -1, cEnd = -1,
      cAction = -1, cEni = -1, cInst = -1, cType = -1;
  int cLost[4] = {-1, -1, -1, -1};
  bool hasLost = false;
};

enum Tables { SOURCES, DESTS, PAIRS, ENIS, INSTS, REJECTED_FLOWS, REJECT_PORTS, ADMIN_SOURCES, NTABLES };

struct Kernel {
  explicit Kernel(uint32_t maxKeys) {
    for (int i = 0; i < NTABLES; i++) tables.emplace_back(new Table(maxKeys));
  }
  std::vector<std::unique_ptr<Table>> tables;
  std::vector<Format> formats;
  int8_t admin[65536] = {};
  Key key;
  // The current line: field bounds and values (FlowLine of flow-parser.ts).
  size_t st[256] = {};
  size_t en[256] = {};
  double nums[256] = {};
  int8_t fams[256] = {};
};

inline double nz(double v) { return std::isnan(v) ? 0 : v; }

int enumIndex(const std::vector<std::vector<uint8_t>>& values, const uint8_t* b, size_t s, size_t e) {
  const size_t len = e - s;
  for (size_t v = 0; v < values.size(); v++) {
    const auto& x = values[v];
    if (x.size() == len && std::memcmp(x.data(), b + s, len) == 0) return static_cast<int>(v);
  }
  return -1;
}

/** An address column onto a key: [4, value], or [0] when null (the kernel never sees IPv6). */
inline Key& addr(Key& k, const Kernel& K, int c) {
  if (c >= 0 && K.fams[c] == 4) return k.ipv4(static_cast<uint32_t>(K.nums[c]));
  return k.word(0);
}

inline bool isNull(const Kernel& K, const uint8_t* b, int c) {
  return c < 0 || (K.en[c] - K.st[c] == 1 && b[K.st[c]] == '-');
}

/** FlowSummary.record for the current line. */
void record(Kernel& K, const Format& F, const uint8_t* b, double status, double* acc) {
  const double* nums = K.nums;
  if (F.hasLost) acc[ACC_RECORDS + 7] = 1;
  if (F.cStart >= 0 && nums[F.cStart] < acc[ACC_RECORDS + 5]) acc[ACC_RECORDS + 5] = nums[F.cStart];
  if (F.cEnd >= 0 && nums[F.cEnd] > acc[ACC_RECORDS + 6]) acc[ACC_RECORDS + 6] = nums[F.cEnd];
  if (status != 0) return;
  acc[ACC_RECORDS] += 1;
  const double packets = F.cPackets >= 0 ? nz(nums[F.cPackets]) : 0;
  const double bytes = F.cBytes >= 0 ? nz(nums[F.cBytes]) : 0;
  acc[ACC_RECORDS + 3] += packets;
  acc[ACC_RECORDS + 4] += bytes;
  // action: 0 ACCEPT, 1 REJECT, NaN or absent: none
  const double action = F.cAction >= 0 ? nums[F.cAction] : NAN;
  const bool rejected = action == 1;
  if (action == 0) acc[ACC_RECORDS + 1] += 1;
  else if (rejected) acc[ACC_RECORDS + 2] += 1;

  const double proto = F.cProto >= 0 ? nums[F.cProto] : NAN;
  double* pr = acc + ACC_PROTOCOLS + (std::isnan(proto) ? 256 : static_cast<int>(proto)) * PS;
  pr[0] += 1;
  pr[1] += packets;
  pr[2] += bytes;
  if (action == 0) pr[3] += 1;
  else if (rejected) pr[4] += 1;

  const int srcFam = F.cSrc >= 0 ? K.fams[F.cSrc] : 0;
  const int dstFam = F.cDst >= 0 ? K.fams[F.cDst] : 0;
  int fam = srcFam ? srcFam : dstFam;
  if (fam == 0 && F.cType >= 0) {
    const double t = nums[F.cType];
    fam = t == 0 ? 4 : t == 1 ? 6 : 0;
  }
  if (fam != 0) {
    double* f = acc + ACC_FAM + (fam == 4 ? 0 : 3);
    f[0] += 1;
    f[1] += packets;
    f[2] += bytes;
  }

  Key& k = K.key;
  auto& T = K.tables;
  if (srcFam != 0) T[SOURCES]->add(addr(k.begin(), K, F.cSrc), 1, packets, bytes);
  if (dstFam != 0) T[DESTS]->add(addr(k.begin(), K, F.cDst), 1, packets, bytes);
  if (srcFam != 0 && dstFam != 0)
    T[PAIRS]->add(addr(addr(k.begin(), K, F.cSrc), K, F.cDst), 1, packets, bytes);
  if (!isNull(K, b, F.cEni)) T[ENIS]->add(k.begin().bytes(b, K.st[F.cEni], K.en[F.cEni]), 1, packets, bytes);
  if (!isNull(K, b, F.cInst))
    T[INSTS]->add(k.begin().bytes(b, K.st[F.cInst], K.en[F.cInst]), 1, packets, bytes);

  const double dport = F.cDport >= 0 ? nums[F.cDport] : NAN;
  const int32_t dp = std::isnan(dport) ? -1 : static_cast<int32_t>(dport);
  const int32_t pn = std::isnan(proto) ? -1 : static_cast<int32_t>(proto);
  if (rejected) {
    T[REJECTED_FLOWS]->add(
        addr(addr(k.begin(), K, F.cSrc), K, F.cDst).word(static_cast<uint32_t>(dp)).word(static_cast<uint32_t>(pn)),
        1, packets, bytes);
    T[REJECT_PORTS]->add(k.begin().word(static_cast<uint32_t>(pn)).word(static_cast<uint32_t>(dp)), 1, packets,
                         bytes);
  }
  if ((proto == TCP || proto == UDP) && dp >= 0 && dp < 65536) {
    const int ai = K.admin[dp];
    if (ai > 0) {
      double* ad = acc + ACC_ADMIN + (ai - 1) * PS;
      ad[0] += 1;
      ad[1] += packets;
      ad[2] += bytes;
      if (action == 0) ad[3] += 1;
      else if (rejected) ad[4] += 1;
      if (srcFam != 0)
        T[ADMIN_SOURCES]->add(addr(k.begin(), K, F.cSrc).word(static_cast<uint32_t>(dp)), 1, rejected ? 1 : 0,
                              bytes);
    }
  }
  if (F.hasLost) {
    double* l = acc + ACC_LOST;
    for (int i = 0; i < 4; i++)
      if (F.cLost[i] >= 0) l[i] += nz(nums[F.cLost[i]]);
  }
}

/**
 * FlowParser.fast for the line at `pos`: true, with the field bounds and values in K and `after`
 * past its newline, when the JavaScript fast path would take it. Checked: bytes at or past `end`
 * read as 0, a separator, as JavaScript reads past a buffer's end give undefined. Unchecked: the
 * caller knows a newline ends the line before `end`, and every loop stops at it.
 */
template <bool Checked>
inline bool parseLine(Kernel& K, const Format& F, const uint8_t* buf, size_t pos, size_t end, double maxLine,
                      size_t* after) {
  auto at = [&](size_t i) -> int {
    if constexpr (Checked) return i < end ? buf[i] : 0;
    return buf[i];
  };
  const int ncol = F.ncol;
  size_t i = pos;
  int b = at(i);
  bool ok = true;
  for (int c = 0; c < ncol && ok; c++) {
    if (c > 0) {
      if (b != ' ') {
        ok = false;
        break;
      }
      b = at(++i);
    }
    const size_t s = i;
    K.st[c] = s;
    if (b == '-' && !(at(i + 1) > 32)) {
      b = at(++i);
      K.en[c] = i;
      K.nums[c] = NAN;
      K.fams[c] = 0;
      continue;
    }
    const int k = F.kinds[c];
    if (k == KIND_INT) {
      double v = 0;
      while (b >= '0' && b <= '9') {
        v = v * 10 + (b - '0');
        b = at(++i);
      }
      if (i == s || v < F.mins[c] || v > F.maxs[c]) ok = false;
      K.nums[c] = v;
    } else if (k == KIND_IP) {
      double value = 0;
      int part = 0, digits = 0, dots = 0;
      for (;;) {
        if (b >= '0' && b <= '9') {
          if (digits > 0 && part == 0) {
            ok = false;
            break;
          }
          part = part * 10 + (b - '0');
          if (part > 255) {
            ok = false;
            break;
          }
          digits++;
        } else if (b == '.') {
          if (digits == 0 || dots == 3) {
            ok = false;
            break;
          }
          value = value * 256 + part;
          part = 0;
          digits = 0;
          dots++;
        } else {
          break;
        }
        b = at(++i);
      }
      if (!ok || dots != 3 || digits == 0) {
        ok = false;
        break;
      }
      K.nums[c] = value * 256 + part;
      K.fams[c] = 4;
    } else {
      while (b > 32) b = at(++i);
      if (i == s) {
        ok = false;
        break;
      }
      if (k == KIND_ENUM) {
        const int idx = enumIndex(F.enums[c], buf, s, i);
        if (idx < 0 && F.closed[c] == 1) {
          ok = false;
          break;
        }
        K.nums[c] = idx;
      }
    }
    K.en[c] = i;
  }
  if (!ok) return false;
  // The line must end here (a CR before the newline is allowed).
  const size_t le = i;
  if (b == '\r') b = at(++i);
  if (i < end && b != '\n') return false;
  if (i > end || static_cast<double>(le - pos) > maxLine) return false;
  *after = i + 1;
  return true;
}

/** FlowParser.fast over a run of lines of buf[pos, end); returns the position after the last line taken (pos when none). */
size_t take(Kernel& K, const Format& F, const uint8_t* buf, size_t pos, size_t end, double maxLine, double* acc) {
  double lines = 0, parsed = 0, nodata = 0, skipdata = 0;
  // Lines before the last newline need no bounds checks; a last line without one does.
  size_t safeEnd = end;
  while (safeEnd > pos && buf[safeEnd - 1] != '\n') safeEnd--;
  if (safeEnd > pos) safeEnd--;  // the last newline
  while (F.ncol > 0 && pos < end) {
    size_t after = 0;
    const bool ok = pos < safeEnd ? parseLine<false>(K, F, buf, pos, end, maxLine, &after)
                                  : parseLine<true>(K, F, buf, pos, end, maxLine, &after);
    if (!ok) break;
    lines++;
    const double sv = F.status < 0 || std::isnan(K.nums[F.status]) ? 0 : K.nums[F.status];
    if (sv == 0) parsed++;
    else if (sv == 1) nodata++;
    else skipdata++;
    record(K, F, buf, sv, acc);
    pos = after;
  }
  acc[0] = lines;
  acc[1] = parsed;
  acc[2] = nodata;
  acc[3] = skipdata;
  return pos;
}

// ---- Node-API glue ----

#define CHECK(call)                                  \
  do {                                               \
    if ((call) != napi_ok) {                         \
      napi_throw_error(env, nullptr, "flow kernel: " #call); \
      return nullptr;                                \
    }                                                \
  } while (0)

Kernel* kernelOf(napi_env env, napi_value v) {
  void* p = nullptr;
  if (napi_get_value_external(env, v, &p) != napi_ok) return nullptr;
  return static_cast<Kernel*>(p);
}

template <typename T>
bool typed(napi_env env, napi_value v, T** data, size_t* len) {
  napi_typedarray_type type;
  void* d = nullptr;
  napi_value ab;
  size_t off;
  if (napi_get_typedarray_info(env, v, &type, len, &d, &ab, &off) != napi_ok) return false;
  *data = static_cast<T*>(d);
  return true;
}

// create(maxKeys, adminIndex: Int8Array(65536)) -> external
napi_value Create(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  double maxKeys = 0;
  CHECK(napi_get_value_double(env, argv[0], &maxKeys));
  int8_t* admin = nullptr;
  size_t n = 0;
  if (!typed(env, argv[1], &admin, &n) || n != 65536 || maxKeys < 1 || maxKeys > (1u << 28)) {
    napi_throw_error(env, nullptr, "flow kernel: bad create() arguments");
    return nullptr;
  }
  auto* K = new Kernel(static_cast<uint32_t>(maxKeys));
  std::memcpy(K->admin, admin, n);
  for (int i = 0; i < 65536; i++)
    if (K->admin[i] < 0 || K->admin[i] > ADMIN_SLOTS) K->admin[i] = 0;
  napi_value out;
  CHECK(napi_create_external(
      env, K, [](napi_env, void* p, void*) { delete static_cast<Kernel*>(p); }, nullptr, &out));
  return out;
}

// format(k, kinds: Int8Array, mins: Float64Array, maxs: Float64Array, closed: Uint8Array,
//        enumBlob: Uint8Array, cols: Int32Array) -> id
// enumBlob: per column, a count, then per value a length byte and the bytes.
// cols: status, src, dst, dport, proto, packets, bytes, start, end, action, eni, inst, type, lost x4.
napi_value RegisterFormat(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Kernel* K = kernelOf(env, argv[0]);
  int8_t* kinds;
  double* mins;
  double* maxs;
  uint8_t* closed;
  uint8_t* blob;
  int32_t* cols;
  size_t nk, nmin, nmax, ncl, nblob, ncols;
  if (!K || !typed(env, argv[1], &kinds, &nk) || !typed(env, argv[2], &mins, &nmin) ||
      !typed(env, argv[3], &maxs, &nmax) || !typed(env, argv[4], &closed, &ncl) ||
      !typed(env, argv[5], &blob, &nblob) || !typed(env, argv[6], &cols, &ncols) || nk > 256 || nmin != nk ||
      nmax != nk || ncl != nk || ncols != 17) {
    napi_throw_error(env, nullptr, "flow kernel: bad format() arguments");
    return nullptr;
  }
  Format F;
  F.ncol = static_cast<int>(nk);
  F.kinds.assign(kinds, kinds + nk);
  F.mins.assign(mins, mins + nk);
  F.maxs.assign(maxs, maxs + nk);
  F.closed.assign(closed, closed + nk);
  F.enums.resize(nk);
  size_t p = 0;
  for (size_t c = 0; c < nk; c++) {
    if (p >= nblob) break;
    const int count = blob[p++];
    for (int v = 0; v < count && p < nblob; v++) {
      const size_t len = blob[p++];
      if (p + len > nblob) break;
      F.enums[c].emplace_back(blob + p, blob + p + len);
      p += len;
    }
  }
  auto col = [&](int i) { return cols[i] >= 0 && cols[i] < F.ncol ? cols[i] : -1; };
  F.status = col(0);
  F.cSrc = col(1);
  F.cDst = col(2);
  F.cDport = col(3);
  F.cProto = col(4);
  F.cPackets = col(5);
  F.cBytes = col(6);
  F.cStart = col(7);
  F.cEnd = col(8);
  F.cAction = col(9);
  F.cEni = col(10);
  F.cInst = col(11);
  F.cType = col(12);
  for (int i = 0; i < 4; i++) {
    F.cLost[i] = col(13 + i);
    if (F.cLost[i] >= 0) F.hasLost = true;
  }
  // Each column the summary reads must have the kind it reads it as, and values it indexes arrays
  // with must stay in their bounds (the format's min/max say so); otherwise JavaScript reads it all.
  auto is = [&](int c, int kind) { return c < 0 || F.kinds[c] == kind; };
  bool kindsOk = is(F.cSrc, KIND_IP) && is(F.cDst, KIND_IP) && is(F.status, KIND_ENUM) &&
                 is(F.cAction, KIND_ENUM) && is(F.cType, KIND_ENUM);
  for (int c : {F.cDport, F.cProto, F.cPackets, F.cBytes, F.cStart, F.cEnd, F.cLost[0], F.cLost[1], F.cLost[2],
                F.cLost[3]})
    kindsOk = kindsOk && is(c, KIND_INT);
  if (!kindsOk || (F.cProto >= 0 && (F.mins[F.cProto] < 0 || F.maxs[F.cProto] > 255)) ||
      (F.cDport >= 0 && (F.mins[F.cDport] < 0 || F.maxs[F.cDport] > 65535))) {
    napi_throw_error(env, nullptr, "flow kernel: a column's kind or bounds do not suit the kernel");
    return nullptr;
  }
  K->formats.push_back(std::move(F));
  napi_value out;
  CHECK(napi_create_int32(env, static_cast<int32_t>(K->formats.size() - 1), &out));
  return out;
}

// take(k, formatId, buf: Uint8Array, pos, end, maxLine, acc: Float64Array) -> new pos
napi_value Take(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Kernel* K = kernelOf(env, argv[0]);
  int32_t id;
  double pos, end, maxLine;
  uint8_t* buf;
  double* acc;
  size_t nbuf, nacc;
  if (!K || napi_get_value_int32(env, argv[1], &id) != napi_ok || id < 0 ||
      static_cast<size_t>(id) >= K->formats.size() || !typed(env, argv[2], &buf, &nbuf) ||
      napi_get_value_double(env, argv[3], &pos) != napi_ok || napi_get_value_double(env, argv[4], &end) != napi_ok ||
      napi_get_value_double(env, argv[5], &maxLine) != napi_ok || !typed(env, argv[6], &acc, &nacc) ||
      nacc != ACC_SIZE || !(pos >= 0) || !(end >= pos) || end > static_cast<double>(nbuf)) {
    napi_throw_error(env, nullptr, "flow kernel: bad take() arguments");
    return nullptr;
  }
  const size_t next = take(*K, K->formats[id], buf, static_cast<size_t>(pos), static_cast<size_t>(end), maxLine, acc);
  napi_value out;
  CHECK(napi_create_double(env, static_cast<double>(next), &out));
  return out;
}

// table(k, i) -> { slots: ArrayBuffer, arena: ArrayBuffer, maxError: number[3], approximate }
napi_value TableState(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Kernel* K = kernelOf(env, argv[0]);
  int32_t i;
  if (!K || napi_get_value_int32(env, argv[1], &i) != napi_ok || i < 0 || i >= NTABLES) {
    napi_throw_error(env, nullptr, "flow kernel: bad table() arguments");
    return nullptr;
  }
  Table& T = *K->tables[i];
  T.flush();
  napi_value out, slots, arena, errs, approx;
  void* data;
  CHECK(napi_create_object(env, &out));
  CHECK(napi_create_arraybuffer(env, T.slots().size() * 8, &data, &slots));
  std::memcpy(data, T.slots().data(), T.slots().size() * 8);
  CHECK(napi_create_arraybuffer(env, T.arena().size() * 4, &data, &arena));
  if (!T.arena().empty()) std::memcpy(data, T.arena().data(), T.arena().size() * 4);
  CHECK(napi_create_array_with_length(env, 3, &errs));
  for (int m = 0; m < 3; m++) {
    napi_value v;
    CHECK(napi_create_double(env, T.maxError[m], &v));
    CHECK(napi_set_element(env, errs, m, v));
  }
  CHECK(napi_get_boolean(env, T.approx, &approx));
  CHECK(napi_set_named_property(env, out, "slots", slots));
  CHECK(napi_set_named_property(env, out, "arena", arena));
  CHECK(napi_set_named_property(env, out, "maxError", errs));
  CHECK(napi_set_named_property(env, out, "approximate", approx));
  return out;
}

// absorb(k, i, slots: ArrayBuffer, arena: ArrayBuffer, maxError: Float64Array, approximate: boolean):
// adds a TopTableState of JavaScript or another thread to table i, as TopTable.absorb does.
napi_value Absorb(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr));
  Kernel* K = kernelOf(env, argv[0]);
  int32_t i;
  void* slotsData = nullptr;
  void* arenaData = nullptr;
  size_t slotsLen = 0, arenaLen = 0, nerr = 0;
  double* errs = nullptr;
  bool approx = false;
  if (!K || napi_get_value_int32(env, argv[1], &i) != napi_ok || i < 0 || i >= NTABLES ||
      napi_get_arraybuffer_info(env, argv[2], &slotsData, &slotsLen) != napi_ok ||
      napi_get_arraybuffer_info(env, argv[3], &arenaData, &arenaLen) != napi_ok || !typed(env, argv[4], &errs, &nerr) ||
      nerr != 3 || napi_get_value_bool(env, argv[5], &approx) != napi_ok || slotsLen % 64 != 0 || arenaLen % 4 != 0) {
    napi_throw_error(env, nullptr, "flow kernel: bad absorb() arguments");
    return nullptr;
  }
  Table& T = *K->tables[i];
  const int32_t* s32 = static_cast<const int32_t*>(slotsData);
  const double* f = static_cast<const double*>(slotsData);
  const int32_t* arena = static_cast<const int32_t*>(arenaData);
  const size_t arenaWords = arenaLen / 4;
  const size_t slots = slotsLen / 64;
  for (size_t j = 0; j < slots; j++) {
    const size_t o = j * SLOT_I32;
    const int32_t len = s32[o + 1];
    if (len <= 0) continue;
    const int32_t* w = s32 + o + 2;
    if (len > INLINE) {
      const int32_t start = s32[o + 2];
      if (start < 0 || static_cast<size_t>(start) + static_cast<size_t>(len) > arenaWords) continue;
      w = arena + start;
    }
    T.absorbEntry(s32[o], w, len, f[j * 8 + 5], f[j * 8 + 6], f[j * 8 + 7]);
  }
  for (int m = 0; m < 3; m++) T.maxError[m] += errs[m];
  if (approx) T.approx = true;
  return nullptr;
}

napi_value Constant(napi_env env, int32_t v) {
  napi_value out;
  napi_create_int32(env, v, &out);
  return out;
}

}  // namespace

NAPI_MODULE_INIT() {
  const struct {
    const char* name;
    napi_callback fn;
  } fns[] = {{"create", Create}, {"format", RegisterFormat}, {"take", Take}, {"table", TableState}, {"absorb", Absorb}};
  for (const auto& f : fns) {
    napi_value v;
    napi_create_function(env, f.name, NAPI_AUTO_LENGTH, f.fn, nullptr, &v);
    napi_set_named_property(env, exports, f.name, v);
  }
  napi_set_named_property(env, exports, "version", Constant(env, KERNEL_VERSION));
  napi_set_named_property(env, exports, "accSize", Constant(env, ACC_SIZE));
  return exports;
}
