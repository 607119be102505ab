#!/usr/bin/env bash
# elftool_test.sh: runs tenor-elftool as a user would; one case per ctest test (see CMakeLists.txt).
#
# Environment: ELFTOOL, CC, LD, READELF, OBJDUMP, OBJCOPY, TENOR_INCLUDE_DIR, WORK_DIR.
set -euo pipefail

: "${ELFTOOL:?}" "${CC:?}" "${LD:?}" "${READELF:?}" "${OBJDUMP:?}" "${OBJCOPY:?}"
: "${TENOR_INCLUDE_DIR:?}" "${WORK_DIR:?}"

rm -rf "$WORK_DIR"
mkdir -p "$WORK_DIR"
cd "$WORK_DIR"

die() {
  echo "FAIL: $*" >&2
  exit 1
}

# Runs tenor-elftool, keeping its stdout, stderr and exit status in out.txt, err.txt and $status.
run_tool() {
  set +e
  "$ELFTOOL" "$@" >out.txt 2>err.txt
  status=$?
  set -e
}

# Runs tenor-elftool expecting exit status 1 and an error on stderr containing $1.
expect_error() {
  local want=$1
  shift
  run_tool "$@"
  [[ $status -eq 1 ]] || die "tenor-elftool $* exited $status, expected 1; stderr: $(cat err.txt)"
  [[ ! -s out.txt ]] || die "tenor-elftool $* printed to stdout on error: $(cat out.txt)"
  grep -q '^tenor-elftool: ' err.txt || die "no 'tenor-elftool: ' prefix: $(cat err.txt)"
  grep -qF -- "$want" err.txt || die "expected '$want' in the error, got: $(cat err.txt)"
}

expect_success() {
  run_tool "$@"
  [[ $status -eq 0 ]] || die "tenor-elftool $* exited $status: $(cat err.txt)"
  [[ ! -s err.txt ]] || die "tenor-elftool $* wrote to stderr on success: $(cat err.txt)"
}

# Neither the output nor a temporary file of it may exist after a failed gen-manifest.
expect_no_output() {
  local leftovers
  leftovers=$(ls -A | grep -F "$1" || true)
  [[ -z $leftovers ]] || die "a failed gen-manifest left files behind: $leftovers"
}

# Writes a manifest source with $1 devices of type $2 named dev0, dev1, ...
write_devices() {
  local count=$1 type=$2 i sep=""
  printf '{"type": "solo5.manifest", "version": 1, "devices": ['
  for ((i = 0; i < count; i++)); do
    printf '%s\n  {"name": "dev%d", "type": "%s"}' "$sep" "$i" "$type"
    sep=","
  done
  printf ']}\n'
}

write_example() {
  cat >"$1" <<'JSON'
{
  "type": "solo5.manifest",
  "version": 1,
  "devices": [
    { "name": "service", "type": "NET_BASIC" },
    { "name": "storage", "type": "BLOCK_BASIC" }
  ]
}
JSON
}

compile_c() {
  "$CC" -c -ffreestanding -std=c11 -pedantic -Wall -Wextra -Werror -fno-pic \
    -fno-asynchronous-unwind-tables -fno-stack-protector -I"$TENOR_INCLUDE_DIR" "$@"
}

# The u32 at byte offset $2 of file $1, in decimal.
u32_at() {
  od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '
}

# Checks that the u32 at byte offset $1 of note.bin is $2; $3 names the field.
expect_u32() {
  local got
  got=$(u32_at note.bin "$1")
  [[ $got -eq $2 ]] || die "$3 is $got, expected $2"
}

# The NUL-terminated string at byte offset $2 of file $1.
string_at() {
  dd if="$1" bs=1 skip="$2" count=68 status=none | tr '\0' '\n' | head -n 1
}

# Checks the .note.solo5.manifest section of object $1: a SHT_NOTE, 8-byte
# aligned, holding a Solo5 MFT1 note with $2 entries laid out as Solo5 does.
check_manifest_object() {
  local object=$1 entries=$2
  local descsz=$((4 + 8 + entries * 104)) size=$((24 + 8 + entries * 104))
  local line
  line=$("$READELF" -SW "$object" | sed -n 's/^ *\[ *[0-9]*\] //p' |
    grep '^\.note\.solo5\.manifest ') || die "$object has no .note.solo5.manifest section"
  read -r _ type _ _ sec_size _ _ _ _ align <<<"$line"
  [[ $type == NOTE ]] || die "section type is $type, expected NOTE"
  [[ $((16#$sec_size)) -eq $size ]] || die "section size is 0x$sec_size, expected $size bytes"
  [[ $align == 8 ]] || die "section alignment is $align, expected 8"

  # readelf knows the note type and size; it warns about the 8-byte
  # alignment, as it does for Solo5's own notes, so both streams are read.
  local notes
  notes=$("$READELF" -n "$object" 2>&1)
  grep -q '0x3154464d' <<<"$notes" || die "readelf -n shows no MFT1 note: $notes"
  grep -qiE "0x0*$(printf '%x' $descsz)\b" <<<"$notes" ||
    die "readelf -n shows no descsz $descsz: $notes"
  "$OBJDUMP" -h "$object" | grep -q '\.note\.solo5\.manifest' || die "objdump -h misses the section"

  "$OBJCOPY" -O binary --only-section=.note.solo5.manifest "$object" note.bin
  [[ $(stat -c %s note.bin) -eq $size ]] || die "note is $(stat -c %s note.bin) bytes, not $size"
  expect_u32 0 6 n_namesz
  expect_u32 4 "$descsz" n_descsz
  expect_u32 8 $((0x3154464d)) n_type
  [[ $(string_at note.bin 12) == Solo5 ]] || die "note name is '$(string_at note.bin 12)'"
  expect_u32 20 0 "the padding before struct mft"
  expect_u32 24 1 "the manifest version"
  expect_u32 28 "$entries" "the manifest entry count"
  [[ -z $(string_at note.bin 32) ]] || die "entry 0 has a name"
  expect_u32 $((32 + 68)) $((1 << 30)) "the type of entry 0 (MFT_RESERVED_FIRST)"
}

# Checks user entry $2 (1-based) of note.bin: name $3, type $4, not attached.
check_entry() {
  local base=$((32 + $1 * 104))
  local name
  name=$(string_at note.bin $base)
  [[ $name == "$2" ]] || die "entry $1 is named '$name', expected '$2'"
  expect_u32 $((base + 68)) "$3" "the type of entry $1"
  [[ $(od -An -tu1 -j $((base + 96)) -N1 note.bin | tr -d ' ') -eq 0 ]] ||
    die "entry $1 is marked attached"
}

# Links objects $2... into a static ELF $1 at 1 MiB, as a unikernel is laid out.
link_elf() {
  local output=$1
  shift
  "$LD" -static -nostdlib -z max-page-size=0x1000 -Ttext=0x100000 -e _start -o "$output" "$@"
}

# A manifest source declaring one device named $1 of type $2.
one_device() {
  printf '{"type": "solo5.manifest", "version": 1,\n "devices": [{"name": "%s", "type": "%s"}]}\n' \
    "$1" "$2"
}

# Links a tiny static ELF with the manifest from $1 and an ABI1 note for
# target $2 at version $3, into unikernel.elf.
build_unikernel() {
  expect_success gen-manifest "$1" manifest.c
  cat >abi.c <<'C'
#include <tenor/elf_abi.h>

const struct abi1_note test_abi_note
    __attribute__((used, section(".note.solo5.abi"), aligned(4))) = {
    .h = {
        .n_namesz = sizeof(ABI1_NOTE_NAME),
        .n_descsz = sizeof(struct abi1_info),
        .n_type = ABI1_NOTE_TYPE,
        .n_name = ABI1_NOTE_NAME,
    },
    .i = { .abi_target = TEST_TARGET, .abi_version = TEST_VERSION },
};

void _start(void)
{
    for (;;) {
    }
}
C
  compile_c manifest.c -o manifest.o
  compile_c -DTEST_TARGET="$2" -DTEST_VERSION="$3" abi.c -o abi.o
  link_elf unikernel.elf abi.o manifest.o
}

case_gen_manifest_note() {
  write_example source.json
  expect_success gen-manifest source.json manifest.c
  [[ ! -s out.txt ]] || die "gen-manifest printed to stdout"
  [[ $(ls -A) == $'err.txt\nmanifest.c\nout.txt\nsource.json' ]] || die "unexpected files: $(ls -A)"
  if [[ $(umask) == 0022 ]]; then
    [[ $(stat -c %a manifest.c) == 644 ]] || die "manifest.c has mode $(stat -c %a manifest.c)"
  fi
  compile_c manifest.c -o manifest.o
  check_manifest_object manifest.o 3
  check_entry 1 service 2
  check_entry 2 storage 1
  # An empty device list still yields the reserved entry.
  printf '{"type":"solo5.manifest","version":1,"devices":[]}' >empty.json
  expect_success gen-manifest empty.json empty.c
  compile_c empty.c -o empty.o
  check_manifest_object empty.o 1
}

case_gen_manifest_stdout() {
  write_example source.json
  expect_success gen-manifest source.json manifest.c
  expect_success gen-manifest source.json -
  cmp -s out.txt manifest.c || die "gen-manifest to stdout differs from the file output"
  [[ ! -e ./- ]] || die "gen-manifest created a file named -"
}

case_too_many_entries() {
  write_devices 64 BLOCK_BASIC >64.json
  expect_error "64.json: too many devices: 64 declared, at most 63" gen-manifest 64.json 64.c
  expect_no_output 64.c
  write_devices 63 BLOCK_BASIC >63.json
  expect_success gen-manifest 63.json 63.c
  compile_c 63.c -o 63.o
  check_manifest_object 63.o 64
  check_entry 1 dev0 1
  check_entry 63 dev62 1
}

case_duplicate_names() {
  cat >dup.json <<'JSON'
{"type": "solo5.manifest", "version": 1, "devices": [
  {"name": "service", "type": "NET_BASIC"},
  {"name": "service", "type": "BLOCK_BASIC"}]}
JSON
  expect_error 'dup.json: devices[1] ("service"): duplicate name, already used by devices[0]' \
    gen-manifest dup.json dup.c
  expect_no_output dup.c
}

case_bad_json_line() {
  printf '{\n  "type": "solo5.manifest",\n  "version": 1\n  "devices": []\n}\n' >bad.json
  expect_error "bad.json: invalid JSON: parse error at line 4, column" gen-manifest bad.json bad.c
  expect_no_output bad.c
  one_device a-b NET_BASIC >name.json
  expect_error 'name.json: devices[0]: name "a-b" is invalid' gen-manifest name.json name.c
  expect_no_output name.c
  one_device a TAP >type.json
  expect_error 'type.json: devices[0] ("a"): unknown device type "TAP"' \
    gen-manifest type.json type.c
  expect_no_output type.c
}

case_failure_keeps_old_output() {
  echo "previous contents" >out.c
  write_devices 64 NET_BASIC >64.json
  expect_error "too many devices" gen-manifest 64.json out.c
  expect_error "cannot open missing.json: No such file or directory" gen-manifest missing.json out.c
  write_example good.json
  expect_error "cannot create nodir/out.c.tmp." gen-manifest good.json nodir/out.c
  head -c 2000000 /dev/zero | tr '\0' ' ' >huge.json
  expect_error "huge.json is larger than 1048576 bytes" gen-manifest huge.json out.c
  [[ $(cat out.c) == "previous contents" ]] || die "a failed gen-manifest changed out.c"
  [[ -z $(ls -A | grep -F 'out.c.tmp' || true) ]] || die "a temporary file was left behind"
}

case_query_roundtrip() {
  write_example source.json
  build_unikernel source.json ABI_TARGET_TENOR_HVT TENOR_HVT_ABI_VERSION
  expect_success query-manifest unikernel.elf
  cat >expected.json <<'JSON'
{
  "type": "solo5.manifest",
  "version": 1,
  "devices": [
    {
      "name": "service",
      "type": "NET_BASIC"
    },
    {
      "name": "storage",
      "type": "BLOCK_BASIC"
    }
  ]
}
JSON
  diff -u expected.json out.txt || die "query-manifest output differs"
  # The output is itself a valid source that compiles to the same C.
  cp out.txt queried.json
  expect_success gen-manifest queried.json again.c
  cmp -s manifest.c again.c || die "regenerating from query-manifest output changed the C"

  expect_success query-abi unikernel.elf
  printf '{\n  "type": "solo5.abi",\n  "target": "tenor-hvt",\n  "version": 1\n}\n' >abi.json
  diff -u abi.json out.txt || die "query-abi output differs"

  write_devices 63 NET_BASIC >63.json
  build_unikernel 63.json ABI_TARGET_TENOR_SPT 1
  expect_success query-manifest unikernel.elf
  cp out.txt queried63.json
  expect_success gen-manifest queried63.json again63.c
  cmp -s manifest.c again63.c || die "63-device round trip changed the C"
  expect_success query-abi unikernel.elf
  grep -q '"target": "tenor-spt"' out.txt || die "query-abi did not say tenor-spt: $(cat out.txt)"
}

case_query_abi_upstream() {
  write_example source.json
  build_unikernel source.json ABI_TARGET_SOLO5_HVT 2
  expect_success query-abi unikernel.elf
  printf '{\n  "type": "solo5.abi",\n  "target": "hvt",\n  "version": 2\n}\n' >expected.json
  diff -u expected.json out.txt || die "query-abi output differs"
}

case_query_errors() {
  expect_error "absent.elf': No such file or directory" query-manifest absent.elf
  expect_error "absent.elf': No such file or directory" query-abi absent.elf
  write_example source.json
  expect_error "source.json: ELF: " query-manifest source.json
  expect_error "source.json: ELF: " query-abi source.json
  # A binary with an ABI note but no manifest.
  build_unikernel source.json ABI_TARGET_TENOR_HVT 1
  link_elf nomft.elf abi.o
  expect_error "nomft.elf: no Solo5 manifest note" query-manifest nomft.elf
  # A binary with a manifest but no ABI note.
  printf 'void _start(void) { for (;;) { } }\n' >start.c
  compile_c start.c -o start.o
  link_elf noabi.elf start.o manifest.o
  expect_error "noabi.elf: no Solo5 ABI note" query-abi noabi.elf
  expect_success query-manifest noabi.elf
}

case_cli() {
  expect_success --help
  grep -q '^usage: tenor-elftool COMMAND' out.txt || die "--help prints no usage: $(cat out.txt)"
  for command in gen-manifest query-manifest query-abi; do
    grep -q "  $command " out.txt || die "--help does not list $command"
  done
  expect_success --version
  grep -qE '^tenor-elftool [0-9]+\.[0-9]+\.[0-9]+$' out.txt || die "--version prints $(cat out.txt)"
  expect_error "no command given: run tenor-elftool --help"
  expect_error "unknown command 'frobnicate'" frobnicate x
  expect_error "gen-manifest takes 2 arguments, got 1: usage: tenor-elftool gen-manifest \
SOURCE.json OUTPUT.c" gen-manifest only.json
  expect_error "gen-manifest takes 2 arguments, got 3" gen-manifest a b c
  expect_error "query-manifest takes 1 argument, got 0: usage: tenor-elftool query-manifest \
BINARY" query-manifest
  expect_error "query-abi takes 1 argument, got 2" query-abi a b
}

"case_${1:?usage: elftool_test.sh CASE}"
echo "PASS: $1"
