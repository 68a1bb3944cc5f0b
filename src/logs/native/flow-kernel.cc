/*
 * Optional native kernel of `vpcsim logs summary` for flow logs (built by scripts/build-native.mjs,
 * loaded by kernel.ts; without it everything runs in JavaScript, with the same answers). This file
 * is its Node-API face; flow-summary.h parses and sums, ipv6.h reads IPv6 text, top-table.h keeps
 * the bounded tables.
 *
 * What it knows: the lines read/flow-parser.ts reads as records at once (its fast path, `fast`: one
 * space between fields, each field read by its column kind: integer within bounds, IPv4 or IPv6
 * address, enum value, text; `-` is null; and IPv6 addresses as its general path reads them) and
 * the totals of report/flow-summary.ts (`FlowSummary.record`), kept in tables with the slot layout,
 * key encoding, hash and Misra-Gries purge of report/top-table.ts, so that JavaScript absorbs them
 * as it absorbs a worker thread's tables.
 *
 * What it does not know: headers, blank lines, tabs or runs of blanks, malformed lines, NODATA
 * records with bad values, warnings, line numbers, CloudWatch events, Parquet. At the first line it
 * would not take it stops, and JavaScript reads that line; it never takes a line that JavaScript
 * would read otherwise than as a plain record.
 */
#include <node_api.h>

#include <cstdint>
#include <cstring>

#include "flow-summary.h"

namespace {

// kernel.ts refuses a kernel built from another version of these files.
constexpr int32_t KERNEL_VERSION = 3;

// ---- Node-API glue ----

#define CHECK(call)                                        \
  do {                                                     \
    if ((call) != napi_ok) {                               \
      napi_throw_error(env, nullptr, "flow kernel: " #call); \
      return nullptr;                                      \
    }                                                      \
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
