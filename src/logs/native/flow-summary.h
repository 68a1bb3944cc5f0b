/*
 * The flow-log side of the native summary kernel: a format as the kernel needs it, the fast-path
 * line parser of read/flow-parser.ts (`FlowParser.fast`, with IPv6 addresses read as its general
 * path reads them) and the totals of report/flow-summary.ts (`FlowSummary.record`), into
 * top-table.h's tables and an accumulator JavaScript owns. Knows nothing of headers, malformed
 * lines or warnings: the caller leaves those to JavaScript.
 */
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "ipv6.h"
#include "top-table.h"

namespace {

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
  /** IPv6 columns: the canonical text. */
  Ip6Text ip6[256] = {};
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

/** An address column onto a key: [4, value], [6, canonical text] or [0] when null. */
inline Key& addr(Key& k, const Kernel& K, int c) {
  if (c >= 0 && K.fams[c] == 4) return k.ipv4(static_cast<uint32_t>(K.nums[c]));
  if (c >= 0 && K.fams[c] == 6) {
    const Ip6Text& t = K.ip6[c];
    return k.word(6).bytes(reinterpret_cast<const uint8_t*>(t.s), 0, static_cast<size_t>(t.n));
  }
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
      // Dotted IPv4 (the common case) as the bytes come; else IPv6 text, as the general path of
      // read/flow-parser.ts (`typed`) reads it.
      double value = 0;
      int part = 0, digits = 0, dots = 0;
      bool v4 = true;
      size_t j = i;
      int bj = b;
      for (;;) {
        if (bj >= '0' && bj <= '9') {
          if (digits > 0 && part == 0) {
            v4 = false;  // a leading zero
            break;
          }
          part = part * 10 + (bj - '0');
          if (part > 255) {
            v4 = false;
            break;
          }
          digits++;
        } else if (bj == '.') {
          if (digits == 0 || dots == 3) {
            v4 = false;
            break;
          }
          value = value * 256 + part;
          part = 0;
          digits = 0;
          dots++;
        } else {
          break;
        }
        bj = at(++j);
      }
      if (v4 && dots == 3 && digits > 0) {
        i = j;
        b = bj;
        K.nums[c] = value * 256 + part;
        K.fams[c] = 4;
      } else {
        size_t e = s;
        bool colon = false;
        for (int x; (x = at(e)) > 32; e++)
          if (x == ':') colon = true;
        uint16_t g[8];
        if (!colon || !parseIpv6(buf, s, e, g)) {
          ok = false;
          break;
        }
        formatIpv6(g, K.ip6[c]);
        K.nums[c] = NAN;
        K.fams[c] = 6;
        i = e;
        b = at(i);
      }
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

}  // namespace
