/*
 * IPv6 text for the native summary kernel: parseIpv6Value and formatIpv6Value of net/ipv6-text.ts
 * in C++, rule for rule (RFC 4291 section 2.2 forms: "::" at most once, groups of 1-4 hex digits, a
 * dotted IPv4 tail in the last piece; RFC 5952 output: lower-case hex, the longest run of two or
 * more zero groups as "::", the first on a tie). The kernel keys IPv6 addresses by this canonical
 * text, as JavaScript does, so both build the same keys. Knows nothing else.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

/** A canonical IPv6 text (at most 39 characters). */
struct Ip6Text {
  char s[40];
  int n;
};

inline int hexDigit(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/** parseDecimal(max 255) of net/decimal.ts: digits only, no leading zero, at most 255; -1 if not. */
inline int octetAt(const uint8_t* b, size_t s, size_t e) {
  if (e <= s) return -1;
  if (e - s > 1 && b[s] == '0') return -1;
  int v = 0;
  for (size_t i = s; i < e; i++) {
    if (b[i] < '0' || b[i] > '9') return -1;
    v = v * 10 + (b[i] - '0');
    if (v > 255) return -1;
  }
  return v;
}

/** parseIpv4Number of net/ipv4-text.ts on b[s, e): four octets; -1 if not. */
inline int64_t ipv4Number(const uint8_t* b, size_t s, size_t e) {
  int64_t value = 0;
  int parts = 0;
  size_t partStart = s;
  for (size_t i = s; i <= e; i++) {
    if (i < e && b[i] != '.') continue;
    const int octet = octetAt(b, partStart, i);
    if (octet < 0 || parts == 4) return -1;
    value = value * 256 + octet;
    parts++;
    partStart = i + 1;
  }
  return parts == 4 ? value : -1;
}

/** parseGroups of net/ipv6-text.ts on b[s, e) (text ends at textEnd); the count, or -1. */
inline int ipv6Groups(const uint8_t* b, size_t s, size_t e, bool allowIpv4Tail, size_t textEnd, uint16_t* out) {
  int n = 0;
  if (s == e) return 0;
  size_t pieceStart = s;
  for (size_t i = s; i <= e; i++) {
    if (i < e && b[i] != ':') continue;
    if (n > 28) return -1;  // 45 characters hold fewer pieces than this
    const bool isLast = i == e;
    if (isLast && allowIpv4Tail && std::memchr(b + pieceStart, '.', textEnd - pieceStart) != nullptr) {
      const int64_t v4 = ipv4Number(b, pieceStart, e);
      if (v4 < 0) return -1;
      out[n++] = static_cast<uint16_t>(v4 >> 16);
      out[n++] = static_cast<uint16_t>(v4 & 0xffff);
    } else {
      if (i <= pieceStart || i - pieceStart > 4) return -1;
      int v = 0;
      for (size_t j = pieceStart; j < i; j++) {
        const int d = hexDigit(b[j]);
        if (d < 0) return -1;
        v = v * 16 + d;
      }
      out[n++] = static_cast<uint16_t>(v);
    }
    pieceStart = i + 1;
  }
  return n;
}

/** parseIpv6Value of net/ipv6-text.ts on b[s, e) into eight groups; false when not IPv6 text. */
inline bool parseIpv6(const uint8_t* b, size_t s, size_t e, uint16_t g[8]) {
  const size_t len = e - s;
  if (len < 2 || len > 45) return false;
  size_t gap = e;
  for (size_t i = s; i + 1 < e; i++)
    if (b[i] == ':' && b[i + 1] == ':') {
      gap = i;
      break;
    }
  uint16_t head[32];
  uint16_t tail[32];
  if (gap == e) {
    if (ipv6Groups(b, s, e, true, e, head) != 8) return false;
    std::memcpy(g, head, 16);
    return true;
  }
  for (size_t i = gap + 1; i + 1 < e; i++)
    if (b[i] == ':' && b[i + 1] == ':') return false;
  const int nh = ipv6Groups(b, s, gap, false, e, head);
  const int nt = ipv6Groups(b, gap + 2, e, true, e, tail);
  // "::" stands for at least one zero group.
  if (nh < 0 || nt < 0 || nh + nt > 7) return false;
  for (int i = 0; i < 8; i++) g[i] = 0;
  for (int i = 0; i < nh; i++) g[i] = head[i];
  for (int i = 0; i < nt; i++) g[8 - nt + i] = tail[i];
  return true;
}

/** formatIpv6Value of net/ipv6-text.ts. */
inline void formatIpv6(const uint16_t g[8], Ip6Text& t) {
  int bestStart = -1;
  int bestLength = 1;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      i++;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  static const char HEX[] = "0123456789abcdef";
  int n = 0;
  auto group = [&](uint16_t v) {
    bool started = false;
    for (int sh = 12; sh >= 0; sh -= 4) {
      const int d = (v >> sh) & 15;
      if (d != 0 || started || sh == 0) {
        t.s[n++] = HEX[d];
        started = true;
      }
    }
  };
  for (int i = 0; i < 8; i++) {
    if (i == bestStart) {
      t.s[n++] = ':';
      t.s[n++] = ':';
      i += bestLength - 1;
      continue;
    }
    if (i > 0 && i != bestStart + bestLength) t.s[n++] = ':';
    group(g[i]);
  }
  t.n = n;
}

}  // namespace
