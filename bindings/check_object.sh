#!/usr/bin/env bash
# check_object.sh: checks that a bindings object exports exactly the public symbols and uses no SIMD registers.
#
# Usage: check_object.sh OBJECT PUBLIC_SYMBOLS_FILE LINKER_SYMBOLS_FILE [NM [OBJDUMP]]
set -euo pipefail

object=$1
public_list=$2
linker_list=$3
nm=${4:-nm}
objdump=${5:-objdump}
status=0

fail() {
    echo "check_object: $object: $*" >&2
    status=1
}

# Every global the object defines must be public, so that an application's
# own libc can define memcpy and friends without a clash.
defined=$("$nm" -g --defined-only --format=posix "$object" | awk '{print $1}' | sort)
expected=$(grep -v '^[[:space:]]*$' "$public_list" | sort)
unexpected=$(comm -23 <(echo "$defined") <(echo "$expected"))
missing=$(comm -13 <(echo "$defined") <(echo "$expected"))
[[ -z $unexpected ]] || fail "unexpected global symbols (make them local or add them to $public_list):" $unexpected
[[ -z $missing ]] || fail "public symbols not defined (implement them):" $missing

# The bindings take only the application's entry point and the symbols of
# the target's linker script from outside; anything else (libgcc, __cxa_*)
# would fail the application's link.
allowed=$( (echo solo5_app_main; grep -v '^[[:space:]]*$' "$linker_list") | sort)
undefined=$("$nm" -u --format=posix "$object" | awk '{print $1}' | sort)
unresolved=$(comm -23 <(echo "$undefined") <(echo "$allowed"))
[[ -z $unresolved ]] || fail "undefined symbols neither the application nor the linker script provides (define them in the bindings):" $unresolved

# The bindings are built without SSE/MMX/AVX so that they never touch
# the application's vector state.
simd=$("$objdump" -d --no-show-raw-insn "$object" | grep -E '%([xyz]mm[0-9]+|mm[0-7]|st\()' | head -5 || true)
[[ -z $simd ]] || fail "uses SIMD or x87 registers (build with -mgeneral-regs-only):"$'\n'"$simd"

exit $status
