# tenor-spt's end-to-end tests: an spt twin of every hvt test, and the seccomp filter's own tests (included by CMakeLists.txt in this folder).
#
# Each twin is e2e.spt.<the hvt test's name>, runs the same guest built for
# spt (test_<name>.spt) with the same arguments, and asserts the same exit
# status and output with "tenor-spt" for "tenor-hvt", unless a comment
# beside it says what differs and why. The tests are labelled e2e and spt,
# never kvm: tenor-spt needs no /dev/kvm, so none of them is ever skipped.
# README.md in this folder lists them.

if(NOT TARGET tenor-spt)
  return()
endif()

set(SPT $<TARGET_FILE:tenor-spt>)
# Images of their own, so that twins never share a file with the hvt tests
# when ctest runs in parallel.
set(SPT_IMAGES ${IMAGES}/spt)
set(SPT_FAULT "^tenor-spt: guest fault: ")
# What a shell reports for a process killed by SIGSYS, as the seccomp
# filter's default action does: 128 + 31.
set(SPT_SIGSYS 159)
set(SPT_BLK ${CMAKE_CURRENT_SOURCE_DIR}/blk)

# tenor_e2e_spt(NAME [ROOT] [NEEDS "cmd..."] [PROBE shell-cmd] [LABEL label]
#               [ENV VAR=VALUE] [TIMEOUT seconds] HARNESS-ARGS... -- COMMAND...):
# registers e2e.spt.NAME, labelled e2e, spt and LABEL, with VAR=VALUE in its
# environment. ROOT, NEEDS and PROBE make it
# SKIPPED where they do not hold, through blk/require.sh; with any of them
# or with LABEL net, COMMAND may report SKIPPED itself (--may-skip), and net
# tests run netns-run.sh without its /dev/kvm check.
function(tenor_e2e_spt name)
  cmake_parse_arguments(PARSE_ARGV 1 E "ROOT" "TIMEOUT;NEEDS;PROBE;LABEL;ENV" "")
  if(NOT E_TIMEOUT)
    set(E_TIMEOUT ${DEFAULT_TIMEOUT})
  endif()
  tenor_e2e_require(require "${E_ROOT}" "${E_NEEDS}" "${E_PROBE}")
  set(harness --timeout ${E_TIMEOUT})
  if(require OR E_LABEL)
    list(APPEND harness --may-skip)
  endif()
  set(command bash ${RUN} ${harness} ${E_UNPARSED_ARGUMENTS})
  if(require)
    set(command bash ${SPT_BLK}/require.sh ${require} -- ${command})
  endif()
  add_test(NAME e2e.spt.${name} COMMAND ${command})
  math(EXPR ctest_timeout "${E_TIMEOUT} + 30")
  set_tests_properties(e2e.spt.${name} PROPERTIES
    LABELS "e2e;spt;${E_LABEL}" SKIP_RETURN_CODE 77 TIMEOUT ${ctest_timeout})
  if(E_LABEL STREQUAL net)
    set_tests_properties(e2e.spt.${name} PROPERTIES ENVIRONMENT NET_NEEDS_KVM=0)
  elseif(E_ENV)
    set_tests_properties(e2e.spt.${name} PROPERTIES ENVIRONMENT "${E_ENV}")
  endif()
endfunction()

# --- Command line.

tenor_e2e_spt(cli.help
  --expect-output "^usage: " --expect-output "--mem=" --expect-output "--block:NAME=PATH"
  -- ${SPT} --help)
tenor_e2e_spt(cli.version
  --expect-output "^tenor-spt " --expect-output [[[0-9]+\.[0-9]+\.[0-9]+]]
  -- ${SPT} --version)
tenor_e2e_spt(cli.mem_not_a_number --expect-exit 1
  --expect-output "--mem" --expect-output "abc"
  -- ${SPT} --mem=abc ${G}/test_hello.spt)
tenor_e2e_spt(cli.mem_zero --expect-exit 1
  --expect-output "--mem"
  -- ${SPT} --mem=0 ${G}/test_hello.spt)
tenor_e2e_spt(cli.mem_too_large --expect-exit 1
  --expect-output "--mem" --expect-output "99999999"
  -- ${SPT} --mem=99999999 ${G}/test_hello.spt)
tenor_e2e_spt(cli.missing_kernel --expect-exit 1
  --expect-output "KERNEL"
  -- ${SPT} --mem=16)
tenor_e2e_spt(cli.unknown_option --expect-exit 1
  --expect-output "--bogus"
  -- ${SPT} --bogus ${G}/test_hello.spt)
tenor_e2e_spt(cli.block_without_path --expect-exit 1
  --expect-output "--block:storage"
  -- ${SPT} --block:storage ${G}/test_blk_acquire.spt)
tenor_e2e_spt(cli.block_given_twice --expect-exit 1
  --expect-output "--block:storage" --expect-output "more than once"
  -- ${SPT} --block:storage=${SPT_IMAGES}/twice-a.img --block:storage=${SPT_IMAGES}/twice-b.img
     ${G}/test_blk_acquire.spt)
tenor_e2e_spt(cli.kernel_not_found --expect-exit 1
  --expect-output "/nonexistent/test_hello\\.spt"
  -- ${SPT} --mem=16 /nonexistent/test_hello.spt)

# --- Start-up, console and command line.

tenor_e2e_spt(hello
  --expect-output "^Hello, World$"
  --expect-output "^Command line is: 'Hello, unikernel'$"
  --expect-output "^SUCCESS$"
  --expect-output "tenor" --expect-output "memory map"
  --reject-output "^FAILURE"
  -- ${SPT} --mem=16 ${G}/test_hello.spt Hello, unikernel)
tenor_e2e_spt(hello.no_args
  --expect-output "^Command line is: ''$" --expect-output "^SUCCESS$"
  -- ${SPT} --mem=16 ${G}/test_hello.spt)
tenor_e2e_spt(hello.after_double_dash
  --expect-output "^Command line is: '--not-an-option x'$" --expect-output "^SUCCESS$"
  -- ${SPT} --mem=16 -- ${G}/test_hello.spt --not-an-option x)
tenor_e2e_spt(hello.default_memory
  --expect-output "^SUCCESS$"
  -- ${SPT} ${G}/test_hello.spt)
tenor_e2e_spt(quiet
  --expect-output "^Hello, World$"
  --expect-output "^Command line is: 'Hello'$"
  --expect-output "^SUCCESS$"
  --reject-output "memory map" --reject-output "^tenor: "
  -- ${SPT} --mem=16 ${G}/test_quiet.spt --solo5:quiet Hello)
set(PAYLOAD abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ)
tenor_e2e_spt(output
  --expect-output "^output line 1 of 128: ${PAYLOAD}$"
  --expect-output "^output line 64 of 128: ${PAYLOAD}$"
  --expect-output "^output line 128 of 128: ${PAYLOAD}$"
  --expect-output "^wrote 11028 bytes in one call$"
  --expect-output "^SUCCESS$"
  -- ${SPT} --mem=16 ${G}/test_output.spt)
tenor_e2e_spt(globals
  --expect-output "^SUCCESS$"
  --reject-output "^FAILURE"
  -- ${SPT} --mem=16 ${G}/test_globals.spt)

# --- Exit status.

tenor_e2e_spt(exit_status.exit --expect-exit 42
  --expect-output [[^calling solo5_exit\(42\)$]] ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_exit_status.spt exit)
tenor_e2e_spt(exit_status.return --expect-exit 7
  --expect-output "^returning 7 from solo5_app_main$" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_exit_status.spt return)
tenor_e2e_spt(abort --expect-exit 255
  --expect-output [[^calling solo5_abort\(\)$]]
  --reject-output "guest fault" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_abort.spt)
tenor_e2e_spt(ssp --expect-exit 255
  --expect-output "stack smashing detected"
  --reject-output "guest fault" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_ssp.spt)

# --- Guest faults: the same exit status and report line as on hvt, from
# the signal handler instead of a trap stub.

tenor_e2e_spt(exception --expect-exit 255
  --expect-output "^writing to 0x7fffffff0000$"
  --expect-output "${SPT_FAULT}page fault writing at 0x7fffffff0000${NOT_MAPPED}${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_exception.spt)
tenor_e2e_spt(zeropage --expect-exit 255
  --expect-output "^writing to 0x8$"
  --expect-output "${SPT_FAULT}page fault writing at 0x8${NOT_MAPPED}${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_zeropage.spt)
tenor_e2e_spt(rnow --expect-exit 255
  --expect-output "^writing to .rodata at ${ADDR}$"
  --expect-output "${SPT_FAULT}page fault writing at ${ADDR}${PROTECTION}${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_rnow.spt)
tenor_e2e_spt(xnow --expect-exit 255
  --expect-output "^writing to .text at ${ADDR}$"
  --expect-output "${SPT_FAULT}page fault writing at ${ADDR}${PROTECTION}${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_xnow.spt)
tenor_e2e_spt(rnox --expect-exit 255
  --expect-output "^calling into .rodata at ${ADDR}$"
  --expect-output "${SPT_FAULT}page fault executing at ${ADDR}${PROTECTION}${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_rnox.spt)
tenor_e2e_spt(wnox --expect-exit 255
  --expect-output "^calling into .data at ${ADDR}$"
  --expect-output "${SPT_FAULT}page fault executing at ${ADDR}${PROTECTION}${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_wnox.spt)
# The monitor sets the FS base to 0 before the jump, so the guest does not
# read the monitor's own TLS (where glibc keeps its canary at %fs:0x28).
tenor_e2e_spt(notls --expect-exit 255
  --expect-output "^reading %fs:0x28 with no TLS set$"
  --expect-output "${SPT_FAULT}page fault reading at 0x28${NOT_MAPPED}${RIP}"
  --reject-output "^read 0x" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_notls.spt)
tenor_e2e_spt(stackoverflow --expect-exit 255
  --expect-output "^recursing without bound$"
  --expect-output "${SPT_FAULT}stack overflow${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_stackoverflow.spt)
tenor_e2e_spt(ud --expect-exit 255
  --expect-output "^executing ud2$"
  --expect-output "${SPT_FAULT}invalid opcode${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_ud.spt)
# hlt is as privileged in a Linux process as at CPL3 under KVM.
tenor_e2e_spt(gp --expect-exit 255
  --expect-output "^executing hlt at CPL3$"
  --expect-output "${SPT_FAULT}general protection fault${RIP}"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_gp.spt)
tenor_e2e_spt(div0 --expect-exit 255
  --expect-output "^dividing by zero$"
  --expect-output "${SPT_FAULT}divide error${RIP}"
  --reject-output "^quotient" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_div0.spt)

# --- CPU state: TLS, FPU, clocks.

tenor_e2e_spt(tls
  --expect-output "^checking block a untouched by the writes to block b$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 ${G}/test_tls.spt)
tenor_e2e_spt(fpu
  --expect-output "^SSE packed: ok$" --expect-output "^SSE scalar: ok$"
  --expect-output "^AVX: (ok|not reported by CPUID, skipped)$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 ${G}/test_fpu.spt)
tenor_e2e_spt(time TIMEOUT 30
  --expect-output "^monotonic clock advances$"
  --expect-output "^sleep 5: [0-9]+ ms$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 ${G}/test_time.spt)

# Hosts without user-space wrfsbase take the arch_prctl path: the guest sets
# its FS base with arch_prctl(ARCH_SET_FS), the monitor clears it with it
# before the jump, and the fault handler gives the monitor's back with it.
# TENOR_SPT_NO_FSGSBASE=1 makes tenor-spt take that path here too.
tenor_e2e_spt(tls.arch_prctl ENV TENOR_SPT_NO_FSGSBASE=1
  --expect-output "^checking block a untouched by the writes to block b$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 ${G}/test_tls.spt)
tenor_e2e_spt(notls.arch_prctl ENV TENOR_SPT_NO_FSGSBASE=1 --expect-exit 255
  --expect-output "${SPT_FAULT}page fault reading at 0x28${NOT_MAPPED}${RIP}"
  --reject-output "^read 0x" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_notls.spt)
tenor_e2e_spt(stackoverflow.arch_prctl ENV TENOR_SPT_NO_FSGSBASE=1 --expect-exit 255
  --expect-output "${SPT_FAULT}stack overflow${RIP}" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_stackoverflow.spt)
tenor_e2e_spt(hostile.arch_prctl_get.arch_prctl ENV TENOR_SPT_NO_FSGSBASE=1 --expect-exit ${SPT_SIGSYS}
  --setup "${MAKE_IMAGES} 65536 ${SPT_IMAGES}/hostile_arch_prctl.img"
  --expect-output [[^attempting arch_prctl\(ARCH_GET_FS\)$]] --reject-output "returned" ${NO_VERDICT}
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/hostile_arch_prctl.img ${G}/test_spt_hostile.spt
     arch-prctl-get)

# --- Hostile guests. spt has no hypercalls: the guest makes system calls,
# whose arguments travel in registers and whose buffers the host kernel
# checks itself. The hostile acts that correspond to hvt's are system calls
# or arguments the filter does not allow, which kill the unikernel with
# SIGSYS, so the twins run test_spt_hostile with the closest attack.

set(HOSTILE ${SPT} --mem=16 --block:storage=@IMAGE@ ${G}/test_spt_hostile.spt)
set(NEVER_PRINTED --reject-output "never reach the console")

# tenor_e2e_spt_hostile(NAME ARGS...): tenor_e2e_spt with a fresh image of
# the test's own (@IMAGE@ in ARGS), so that the tests can run in parallel.
function(tenor_e2e_spt_hostile name)
  set(image ${SPT_IMAGES}/${name}.img)
  string(REPLACE "@IMAGE@" "${image}" args "${ARGN}")
  tenor_e2e_spt(${name} --setup "${MAKE_IMAGES} 65536 ${image}" ${args})
endfunction()

# tenor_e2e_spt_sigsys(NAME ATTACK ANNOUNCEMENT): the attack is announced,
# then the process dies of SIGSYS before anything else is printed.
function(tenor_e2e_spt_sigsys name attack announcement)
  tenor_e2e_spt_hostile(${name} --expect-exit ${SPT_SIGSYS}
    --expect-output "^attempting ${announcement}" --reject-output "returned"
    ${NEVER_PRINTED} ${NO_VERDICT}
    -- ${HOSTILE} ${attack})
endfunction()

# PUTS from outside guest memory: on spt the console write's buffer is an
# unmapped address; the kernel refuses it with EFAULT, prints nothing, and
# the guest carries on (exit 0, not 1).
tenor_e2e_spt_hostile(hostile.puts_outside
  --expect-output "^console write refused: 14$" --expect-output "^SUCCESS$"
  -- ${HOSTILE} write-outside)
tenor_e2e_spt_hostile(hostile.puts_wrap
  --expect-output "^console write refused: 14$" --expect-output "^SUCCESS$" ${NEVER_PRINTED}
  -- ${HOSTILE} write-wrap)
# An argument block outside guest memory: an hvt hypercall is port I/O,
# which a process may not do: a general protection fault (exit 255).
tenor_e2e_spt_hostile(hostile.arg_outside --expect-exit 255
  --expect-output "${SPT_FAULT}general protection fault${RIP}" ${NO_VERDICT}
  -- ${HOSTILE} port-io)
# An argument block straddling the end of memory: a block transfer
# straddling the end of the image.
tenor_e2e_spt_sigsys(hostile.arg_straddle pread-straddle [[pread64\(\) across the end]])
# A misaligned argument block: a transfer of a length the filter does not allow.
tenor_e2e_spt_sigsys(hostile.arg_unaligned pread-odd-length [[pread64\(\) of three blocks]])
# Unknown hypercalls 15 and 0: system call 500, which does not exist, and
# system call 0 (read) on standard input, which the guest does not own.
tenor_e2e_spt_sigsys(hostile.unknown unknown "system call 500")
tenor_e2e_spt_sigsys(hostile.unknown0 read-stdin [[read\(0, \.\.\.\)]])

# spt's own hostile acts, one per thing the filter pins.
tenor_e2e_spt_sigsys(hostile.write_stderr write-stderr [[write\(2, \.\.\.\)]])
tenor_e2e_spt_sigsys(hostile.read_block_fd read-block-fd [[read\(\) on the block device]])
tenor_e2e_spt_sigsys(hostile.pread_console pread-console [[pread64\(1, \.\.\.\)]])
tenor_e2e_spt_sigsys(hostile.pwrite_past_end pwrite-past-end [[pwrite64\(\) at the capacity]])
tenor_e2e_spt_sigsys(hostile.pwrite_fd_high pwrite-fd-high [[pwrite64\(\) on the block descriptor \+ 2\^32]])
tenor_e2e_spt_sigsys(hostile.ppoll_nfds ppoll-nfds [[ppoll\(\) of 1 descriptor]])
tenor_e2e_spt_sigsys(hostile.ppoll_sigmask ppoll-sigmask [[ppoll\(\) with a signal mask]])
tenor_e2e_spt_sigsys(hostile.clock_cputime clock-cputime [[clock_gettime\(CLOCK_PROCESS_CPUTIME_ID\)]])
tenor_e2e_spt_sigsys(hostile.arch_prctl_get arch-prctl-get [[arch_prctl\(ARCH_GET_FS\)]])
tenor_e2e_spt_sigsys(hostile.mprotect_text mprotect-text [[mprotect\(text, RWX\)]])
tenor_e2e_spt_sigsys(hostile.mmap mmap [[mmap\(anonymous page\)]])
tenor_e2e_spt_sigsys(hostile.x32 x32 [[getpid\(\) through x32]])
tenor_e2e_spt_sigsys(hostile.int80 int80 [[getpid\(\) through int \$0x80]])

# The seccomp test of Solo5's suite: an ordinary forbidden system call.
tenor_e2e_spt(seccomp --expect-exit ${SPT_SIGSYS}
  --expect-output [[^attempting getpid\(\)$]] --reject-output "returned" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_seccomp.spt getpid)
tenor_e2e_spt(seccomp.open --expect-exit ${SPT_SIGSYS}
  --expect-output [[^attempting open\("/etc/passwd", O_RDONLY\)$]] --reject-output "returned" ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_seccomp.spt open)

# --- Block devices and the manifest.

tenor_e2e_spt(blk_acquire
  --setup "${MAKE_IMAGES} 65536 ${SPT_IMAGES}/blk_acquire.img"
  --expect-output "^storage: handle 1 capacity 65536 block_size 512$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_acquire.img ${G}/test_blk_acquire.spt)
tenor_e2e_spt(blk_acquire.sector_size_4096
  --setup "${MAKE_IMAGES} 65536 ${SPT_IMAGES}/blk_acquire_4096.img"
  --expect-output "^storage: handle 1 capacity 65536 block_size 4096$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_acquire_4096.img
     --block-sector-size:storage=4096 ${G}/test_blk_acquire.spt)
tenor_e2e_spt(blk
  --setup "${MAKE_IMAGES} 1048576 ${SPT_IMAGES}/blk.img"
  --expect-output "^storage: capacity 1048576 block_size 512$"
  --expect-output "^single-block round trips: 206$"
  --expect-output "^multi-block round trip: ok$"
  --expect-output "^invalid I/O refused: ok$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk.img ${G}/test_blk.spt)
tenor_e2e_spt(blk.sector_size_4096
  --setup "${MAKE_IMAGES} 1048576 ${SPT_IMAGES}/blk_4096.img"
  --expect-output "^storage: capacity 1048576 block_size 4096$"
  --expect-output "^single-block round trips: 27$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_4096.img
     --block-sector-size:storage=4096 ${G}/test_blk.spt)
tenor_e2e_spt(blk.sector_size_not_power_of_two --expect-exit 1
  --setup "${MAKE_IMAGES} 65536 ${SPT_IMAGES}/blk_pow2.img"
  --expect-output "sector size" --expect-output "1000" --expect-output "storage"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_pow2.img
     --block-sector-size:storage=1000 ${G}/test_blk.spt)
tenor_e2e_spt(blk.sector_size_too_small --expect-exit 1
  --setup "${MAKE_IMAGES} 65536 ${SPT_IMAGES}/blk_small.img"
  --expect-output "sector size" --expect-output "256" --expect-output "storage"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_small.img
     --block-sector-size:storage=256 ${G}/test_blk.spt)
tenor_e2e_spt(blk.capacity_not_multiple --expect-exit 1
  --setup "${MAKE_IMAGES} 1000 ${SPT_IMAGES}/blk_odd.img"
  --expect-output "storage" --expect-output "1000" --expect-output "multiple"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_odd.img ${G}/test_blk.spt)
tenor_e2e_spt(blk.empty_image --expect-exit 1
  --setup "${MAKE_IMAGES} 0 ${SPT_IMAGES}/blk_empty.img"
  --expect-output "storage" --expect-output "empty"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_empty.img ${G}/test_blk.spt)
tenor_e2e_spt(blk.missing_image --expect-exit 1
  --expect-output "storage" --expect-output "${SPT_IMAGES}/does-not-exist\\.img"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/does-not-exist.img ${G}/test_blk.spt)
tenor_e2e_spt(unattached --expect-exit 1
  --expect-output "^tenor-spt: block device 'storage' is declared by the unikernel but not attached: add --block:storage=PATH$"
  ${NO_VERDICT}
  -- ${SPT} --mem=16 ${G}/test_blk_acquire.spt)
tenor_e2e_spt(undeclared --expect-exit 1
  --setup "${MAKE_IMAGES} 65536 ${SPT_IMAGES}/undeclared.img"
  --expect-output "--block:storage" --expect-output "declares no block device 'storage'"
  --reject-output "^Hello, World$"
  -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/undeclared.img ${G}/test_hello.spt)

# 63 devices of 4 KiB fit one filter; of 1 MiB (12 transfer lengths each)
# they need several (docs/spt.md), which the second test exercises.
foreach(size 4096 1048576)
  set(max_images "")
  set(max_flags "")
  foreach(i RANGE 1 63)
    list(APPEND max_images ${SPT_IMAGES}/mft_maxdevices_${size}/d${i}.img)
    list(APPEND max_flags --block:d${i}=${SPT_IMAGES}/mft_maxdevices_${size}/d${i}.img)
  endforeach()
  string(JOIN " " max_images_text ${max_images})
  set(name mft_maxdevices)
  if(size EQUAL 1048576)
    set(name mft_maxdevices.split_filter)
  endif()
  tenor_e2e_spt(${name}
    --setup "${MAKE_IMAGES} ${size} ${max_images_text}"
    --expect-output "^d1: handle 1 capacity ${size}$"
    --expect-output "^d63: handle 63 capacity ${size}$"
    --expect-output "^SUCCESS$" --reject-output "^FAILURE"
    -- ${SPT} --mem=32 ${max_flags} ${G}/test_mft_maxdevices.spt)
endforeach()

# --- Binaries the loader must refuse (exit 1) before the guest runs.

tenor_e2e_spt(wrong_abi --expect-exit 1
  --expect-output "upstream Solo5" --reject-output "^Hello, World$"
  -- ${SPT} --mem=16 ${G}/test_wrong_abi.spt)
tenor_e2e_spt(wrong_abi_version --expect-exit 1
  --expect-output "ABI" --expect-output "99" --reject-output "^Hello, World$"
  -- ${SPT} --mem=16 ${G}/test_wrong_abi_version.spt)
foreach(variant buggyelf buggyelf_entries0 buggyelf_version buggyelf_first_type buggyelf_attached)
  tenor_e2e_spt(${variant} --expect-exit 1
    --expect-output "manifest" --reject-output "^Hello, World$"
    -- ${SPT} --mem=16 ${G}/test_${variant}.spt)
endforeach()
# A unikernel built for hvt is refused, naming the monitor that runs it.
tenor_e2e_spt(wrong_target --expect-exit 1
  --expect-output "built for tenor-hvt, not for tenor-spt: run it with tenor-hvt"
  --reject-output "^Hello, World$"
  -- ${SPT} --mem=16 ${G}/test_hello.hvt)

# --- Block devices: the twins of blk.cmake (e2e.blk.NAME there). The
# scripts are in blk/; tests that need root report SKIPPED without it.

set(SPT_GUARD bash ${SPT_BLK}/image-guard.sh)
set(SPT_HOST_CHECKED --reject-output "^HOST CHECK FAILED" --expect-output "^host check: image size unchanged")

# test_blk_multi's second half sends the same requests as raw hvt
# hypercalls, port I/O a process may not do: on spt it ends there with a
# general protection fault (exit 255). The first half (round trips, the
# bindings' refusals) runs as on hvt, and the image outside the guest's zone
# is checked the same; the filter's refusals are the hostile tests below.
foreach(sector_size 512 4096)
  math(EXPR max_sectors "1048576 / ${sector_size}")
  if(sector_size EQUAL 512)
    set(name blk.multi)
    set(sector_flag "")
  else()
    set(name blk.multi.sector_size_${sector_size})
    set(sector_flag --block-sector-size:storage=${sector_size})
  endif()
  tenor_e2e_spt(${name} --expect-exit 255
    --expect-output "^storage: capacity 8388608 block_size ${sector_size}$"
    --expect-output "^round trips of 1, 8 and 256 sectors: ok$"
    --expect-output "^round trip of the 1 MiB maximum \\(${max_sectors} sectors\\): ok$"
    --expect-output "^bindings refuse invalid I/O: ok \\(12 kinds of request\\)$"
    --expect-output "${SPT_FAULT}general protection fault${RIP}"
    --expect-output "^host check: the 5242880 bytes outside the ranges the guest may write are unchanged$"
    ${SPT_HOST_CHECKED} ${NO_VERDICT}
    -- ${SPT_GUARD} --image ${SPT_IMAGES}/${name}.img --size 8388608 --may-write 0:3145728
       -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/${name}.img ${sector_flag}
          ${G}/test_blk_multi.spt)
endforeach()

# Images even root cannot open read-write: the shared attach code refuses them.
foreach(mode ro-mount immutable)
  string(REPLACE "-" "_" name ${mode})
  if(mode STREQUAL ro-mount)
    set(needs unshare)
    set(message "Read-only file system\\): the unikernel may write to its disk, so copy the image to a writable file system, or remount its file system read-write$")
  else()
    set(needs chattr)
    set(message "Operation not permitted\\): the unikernel may write to its disk, so clear the file's immutable or append-only attribute")
  endif()
  set(image ${SPT_IMAGES}/readonly_${name}.img)
  tenor_e2e_spt(blk.readonly.${name} ROOT NEEDS ${needs} LABEL blk
    PROBE "bash ${SPT_BLK}/readonly.sh check ${mode} ${SPT_IMAGES}/probe_${name}.img"
    --expect-exit 1
    --expect-output "^tenor-spt: block device 'storage' \\(${SPT_IMAGES}/readonly_${name}\\.img\\) cannot be opened read-write \\(${message}"
    --reject-output "^storage: handle" ${NO_VERDICT}
    -- bash ${SPT_BLK}/readonly.sh run ${mode} ${image}
       -- ${SPT} --mem=16 --block:storage=${image} ${G}/test_blk_acquire.spt)
endforeach()

# ENOSPC: the guest writes itself, so there is no monitor line; the bindings
# reserve a write's range first (fallocate), so the failed write changes
# nothing, as on hvt.
tenor_e2e_spt(blk.enospc ROOT NEEDS "unshare mount" LABEL blk
  --expect-output "^write of 65536 bytes at [0-9]+: SOLO5_R_EUNSPEC$"
  --expect-output "^the failed write changed nothing$"
  --expect-output "^chunks written before the failure read back intact: [1-9][0-9]*$"
  --expect-output "^the device still works after the failure$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  --expect-output "^host check: the 1048576 bytes outside the ranges the guest may write are unchanged$"
  ${SPT_HOST_CHECKED}
  -- bash ${SPT_BLK}/enospc.sh ${SPT_IMAGES}/enospc-mount ${SPT} ${G}/test_blk_enospc.spt)

# Hostile block requests (test_blk_hostile on hvt): on spt the guest makes
# the transfer itself, so a bad descriptor or length is the filter's (SIGSYS)
# and a bad buffer the kernel's (EFAULT, or a short read into the part that
# is guest memory); an argument block outside memory is port I/O, a fault.
# Every image is checked unchanged afterwards.
set(SPT_BLK_HOSTILE_CHECKS
  --expect-output "^host check: the 1048576 bytes outside the ranges the guest may write are unchanged$"
  ${SPT_HOST_CHECKED})
# hvt test, spt attack, exit status, a line it must print.
set(SPT_BLK_ATTACKS
  read_handle_0 pread-fd-0 ${SPT_SIGSYS} [[^attempting pread64\(0, \.\.\.\)$]]
  write_handle_99 pwrite-fd-99 ${SPT_SIGSYS} [[^attempting pwrite64\(99, \.\.\.\)$]]
  read_handle_huge pread-fd-huge ${SPT_SIGSYS} [[^attempting pread64\(2\^63, \.\.\.\)$]]
  huge_len pread-huge-len ${SPT_SIGSYS} [[^attempting pread64\(\) of 2\^63 bytes$]]
  write_outside pwrite-outside 0 "^block write refused: 14$"
  read_outside pread-outside 0 "^block read refused: 14$"
  read_straddle pread-straddle-memory 0 "^block read returned 256 of 512 bytes$"
  write_wrap pwrite-wrap 0 "^block write refused: 14$"
  read_wrap pread-wrap 0 "^block read refused: 14$"
  write_arg_outside port-io 255 "${SPT_FAULT}general protection fault${RIP}")
list(LENGTH SPT_BLK_ATTACKS attack_words)
math(EXPR last_attack "${attack_words} - 4")
foreach(i RANGE 0 ${last_attack} 4)
  math(EXPR attack_at "${i} + 1")
  math(EXPR status_at "${i} + 2")
  math(EXPR line_at "${i} + 3")
  list(GET SPT_BLK_ATTACKS ${i} name)
  list(GET SPT_BLK_ATTACKS ${attack_at} attack)
  list(GET SPT_BLK_ATTACKS ${status_at} status)
  list(GET SPT_BLK_ATTACKS ${line_at} line)
  set(verdict ${NO_VERDICT})
  if(status EQUAL 0)
    set(verdict --expect-output "^SUCCESS$")
  endif()
  tenor_e2e_spt(blk.hostile.${name} --expect-exit ${status}
    --expect-output "${line}" ${verdict} ${SPT_BLK_HOSTILE_CHECKS}
    -- ${SPT_GUARD} --image ${SPT_IMAGES}/blk_hostile_${name}.img --size 1048576
       -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_hostile_${name}.img
          ${G}/test_spt_hostile.spt ${attack})
endforeach()
# Block I/O on the network device: on spt, pread64/pwrite64 on its tap.
foreach(direction read write)
  tenor_e2e_spt(blk.hostile.${direction}_net_handle ROOT NEEDS "unshare ip" LABEL blk
    --expect-exit ${SPT_SIGSYS}
    --expect-output "^attempting p${direction}64\\(\\) on the NIC$" --reject-output "returned"
    ${NO_VERDICT} ${SPT_BLK_HOSTILE_CHECKS}
    -- bash ${SPT_BLK}/with-tap.sh tap0
       -- ${SPT_GUARD} --image ${SPT_IMAGES}/blk_hostile_net_handle_${direction}.img --size 1048576
          -- ${SPT} --mem=16 --block:storage=${SPT_IMAGES}/blk_hostile_net_handle_${direction}.img
             --net:service=tap0 ${G}/test_spt_hostile_net.spt p${direction}-net-fd)
endforeach()
# blk.two_guests has no twin: its guest is test_blk_multi, which faults on
# spt once it sends raw hvt hypercalls (see blk.multi above).

# --- Networks: the twins of net.cmake (e2e.NAME there), in network
# namespaces made by net/netns-run.sh, run as root without /dev/kvm.

set(SPT_NETNS bash ${CMAKE_CURRENT_SOURCE_DIR}/net/netns-run.sh)
set(SPT_TAP100 --tap tap100=10.0.0.1/24)
set(SPT_TAP101 --tap tap101=10.1.0.1/24)
set(SPT_NO_LOSS --reject-output "[1-9][0-9.]*% packet loss" --reject-output "corrupted|errors")
set(SPT_ANSWERED "answered [0-9]+ ARP, ")
set(SPT_CLEAN "ignored [0-9]+ frames, 0 bad checksums$")

tenor_e2e_spt(net LABEL net TIMEOUT 90
  --expect-output "^10000 packets transmitted, 10000 received, 0% packet loss"
  --expect-output "^service: ${SPT_ANSWERED}10000 ICMP echo, 0 UDP echo requests, ${SPT_CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${SPT_NO_LOSS}
  -- ${SPT_NETNS} --name spt_net ${SPT_TAP100}
     --traffic "ping -f -q -c 10000 10.0.0.2"
     -- ${SPT} --mem=16 --net:service=tap100 ${G}/test_net.spt service 10.0.0.2 limit=10000 idle=10)
tenor_e2e_spt(net_2if LABEL net TIMEOUT 60
  --expect-output "^service0: handle 1 .* address 10\\.0\\.0\\.2$"
  --expect-output "^service1: handle 2 .* address 10\\.1\\.0\\.2$"
  --expect-output "^service0: ${SPT_ANSWERED}1000 ICMP echo, 0 UDP echo requests, ${SPT_CLEAN}"
  --expect-output "^service1: ${SPT_ANSWERED}1000 ICMP echo, 0 UDP echo requests, ${SPT_CLEAN}"
  --expect-output "^1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${SPT_NO_LOSS}
  -- ${SPT_NETNS} --name spt_net_2if ${SPT_TAP100} ${SPT_TAP101}
     --traffic "ping -f -q -c 1000 10.0.0.2"
     --traffic "ping -f -q -c 1000 10.1.0.2"
     -- ${SPT} --mem=16 --net:service0=tap100 --net:service1=tap101 ${G}/test_net_2if.spt
        service0 10.0.0.2 service1 10.1.0.2 limit=2000 idle=10)
tenor_e2e_spt(net_mtu LABEL net TIMEOUT 60
  --expect-output "^service: handle 1 mac [0-9a-f:]+ mtu 9000 address 10\\.0\\.0\\.2$"
  --expect-output "^1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^service: ${SPT_ANSWERED}1000 ICMP echo, 0 UDP echo requests, ${SPT_CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${SPT_NO_LOSS}
  -- ${SPT_NETNS} --name spt_net_mtu --tap tap100=10.0.0.1/24,mtu=9000
     --traffic "ping -f -q -c 1000 -s 8972 -M do 10.0.0.2"
     -- ${SPT} --mem=32 --net:service=tap100 ${G}/test_net.spt service 10.0.0.2 mtu=9000 limit=1000 idle=10)
tenor_e2e_spt(net_ring LABEL net TIMEOUT 90
  --expect-output "^10000 packets transmitted, 10000 received, 0% packet loss"
  --expect-output "^service: ${SPT_ANSWERED}10000 ICMP echo, 0 UDP echo requests, ${SPT_CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${SPT_NO_LOSS}
  --reject-output "wrong data byte" --reject-output "BAD CHECKSUM|DUP!|truncated"
  -- ${SPT_NETNS} --name spt_net_ring ${SPT_TAP100}
     --traffic "ping -i 0 -c 10000 -s 1400 -p a55a0ff0c33c96691234fedc5aa5f00f 10.0.0.2 | grep -v ' bytes from '"
     -- ${SPT} --mem=16 --net:service=tap100 ${G}/test_net.spt service 10.0.0.2 limit=10000 idle=10)
# On spt each frame is written to the tap by the guest's own write(): there
# is nothing left to flush at exit, and the twin checks just that. The 250
# replies come back so fast that ping's own socket buffer (208 KiB by
# default) overflows and ping counts about 212 of them, so the twin counts
# what the host's IP stack received instead: the namespace is new, so its
# counter holds the first ping's reply and the 250 others.
tenor_e2e_spt(net_exit_flush LABEL net
  --expect-output "^IcmpInEchoReps +251 "
  --expect-output "^service: ${SPT_ANSWERED}251 ICMP echo, 0 UDP echo requests, ${SPT_CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  -- ${SPT_NETNS} --name spt_net_exit_flush ${SPT_TAP100}
     --traffic "ping -c 1 -q 10.0.0.2 && ping -l 250 -c 250 -W 5 -q 10.0.0.2"
     --traffic "sleep 0.2 && nstat -az IcmpInEchoReps"
     -- ${SPT} --mem=16 --net:service=tap100 ${G}/test_net.spt --solo5:quiet
        service 10.0.0.2 limit=251 idle=10)
tenor_e2e_spt(net_mac LABEL net
  --expect-output "^service: handle 1 mac 02:00:00:aa:bb:cc mtu 1500 address 10\\.0\\.0\\.2$"
  --expect-output "^10\\.0\\.0\\.2 dev tap100 lladdr 02:00:00:aa:bb:cc "
  --expect-output "^3 packets transmitted, 3 received, 0% packet loss"
  --expect-output "^service: ${SPT_ANSWERED}4 ICMP echo, 0 UDP echo requests, ${SPT_CLEAN}"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${SPT_NO_LOSS}
  -- ${SPT_NETNS} --name spt_net_mac ${SPT_TAP100}
     --traffic "ping -c 3 -i 0.2 10.0.0.2"
     --traffic "ip neigh show 10.0.0.2"
     --traffic "ping -c 1 -q 10.0.0.2"
     -- ${SPT} --mem=16 --net:service=tap100 --net-mac:service=02:00:00:aa:bb:cc
        ${G}/test_net.spt service 10.0.0.2 limit=4 idle=10)
tenor_e2e_spt(net_two_guests LABEL net TIMEOUT 60
  --expect-output "^\\[a\\] 1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^\\[b\\] 1000 packets transmitted, 1000 received, 0% packet loss"
  --expect-output "^\\[a\\] SUCCESS$" --expect-output "^\\[b\\] SUCCESS$"
  --reject-output "FAILURE" ${SPT_NO_LOSS}
  -- bash ${CMAKE_CURRENT_SOURCE_DIR}/net/two-guests.sh 1000 ${SPT} ${G}/test_net.spt)

set(SPT_NET_ARGS service 10.0.0.2 limit=1 idle=1)
tenor_e2e_spt(net_tap_missing LABEL net --expect-exit 1
  --expect-output "^tenor-spt: net device 'service': tap interface 'tap100' does not exist: "
  --expect-output "'ip tuntap add dev tap100 mode tap'" ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_tap_missing
     -- ${SPT} --mem=16 --net:service=tap100 ${G}/test_net.spt ${SPT_NET_ARGS})
tenor_e2e_spt(net_tap_down LABEL net --expect-exit 1
  --expect-output "^tenor-spt: net device 'service': tap interface 'tap100' is down: "
  --expect-output "'ip link set dev tap100 up'" ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_tap_down --tap tap100=10.0.0.1/24,down
     -- ${SPT} --mem=16 --net:service=tap100 ${G}/test_net.spt ${SPT_NET_ARGS})
tenor_e2e_spt(net_unattached LABEL net --expect-exit 1
  --expect-output "^tenor-spt: net device 'service' is declared by the unikernel but not attached: add --net:service=TAP$"
  ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_unattached ${SPT_TAP100}
     -- ${SPT} --mem=16 ${G}/test_net.spt ${SPT_NET_ARGS})
tenor_e2e_spt(net_undeclared LABEL net --expect-exit 1
  --expect-output [[^tenor-spt: --net:bogus: the unikernel declares no net device 'bogus' \(its net devices: service\)$]]
  ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_undeclared ${SPT_TAP100} ${SPT_TAP101}
     -- ${SPT} --mem=16 --net:service=tap100 --net:bogus=tap101 ${G}/test_net.spt ${SPT_NET_ARGS})
tenor_e2e_spt(net_undeclared_mac LABEL net --expect-exit 1
  --expect-output [[^tenor-spt: --net-mac:bogus: the unikernel declares no net device 'bogus' \(its net devices: service\)$]]
  ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_undeclared_mac ${SPT_TAP100}
     -- ${SPT} --mem=16 --net:service=tap100 --net-mac:bogus=02:00:00:00:00:01 ${G}/test_net.spt ${SPT_NET_ARGS})
tenor_e2e_spt(net_bad_mac LABEL net --expect-exit 1
  --expect-output "^tenor-spt: invalid MAC in '--net-mac:service=02:00:00:aa:bb': '02:00:00:aa:bb' is not of the form xx:xx:xx:xx:xx:xx$"
  ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_bad_mac ${SPT_TAP100}
     -- ${SPT} --mem=16 --net:service=tap100 --net-mac:service=02:00:00:aa:bb ${G}/test_net.spt ${SPT_NET_ARGS})
tenor_e2e_spt(net_multicast_mac LABEL net --expect-exit 1
  --expect-output "^tenor-spt: invalid MAC in '--net-mac:service=03:00:00:aa:bb:cc': .*multicast"
  ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_multicast_mac ${SPT_TAP100}
     -- ${SPT} --mem=16 --net:service=tap100 --net-mac:service=03:00:00:aa:bb:cc ${G}/test_net.spt ${SPT_NET_ARGS})

# Hostile network acts (test_net_hostile on hvt corrupts its rings; spt has
# none, so tx_jump and rx_jump have no counterpart). Frames of impossible
# lengths go to the tap driver, which judges them; the guest goes on. Reading
# a tap that is not the guest's (descriptor 9, a tun device the monitor was
# started with but did not attach) or block I/O on the guest's own tap kills it.
set(SPT_HOSTILE_NET ${SPT} --mem=16 --block:storage=@IMAGE@ --net:service=tap100
    ${G}/test_spt_hostile_net.spt)
foreach(length 0 70000)
  tenor_e2e_spt_hostile(net_hostile.tx_len${length} LABEL net
    --expect-output "^attempting write\\(\\) of a" --expect-output "^the kernel answered "
    --expect-output "^SUCCESS$"
    -- ${SPT_NETNS} --name spt_net_hostile_tx_len${length} ${SPT_TAP100}
       -- ${SPT_HOSTILE_NET} write-frame-${length})
endforeach()
tenor_e2e_spt_hostile(net_hostile.read_own_nic LABEL net
  --expect-output "^the kernel answered -11$" --expect-output "^SUCCESS$"
  -- ${SPT_NETNS} --name spt_net_hostile_read_own_nic ${SPT_TAP100}
     -- ${SPT_HOSTILE_NET} read-own-nic)
tenor_e2e_spt_hostile(net_hostile.read_other_nic LABEL net --expect-exit ${SPT_SIGSYS}
  --expect-output [[^attempting read\(\) on another tap$]] --reject-output "returned" ${NO_VERDICT}
  -- ${SPT_NETNS} --name spt_net_hostile_read_other_nic ${SPT_TAP100}
     -- bash -c "exec 9<>/dev/net/tun && exec \"\$@\"" read-other-nic ${SPT_HOSTILE_NET} read-other-nic 9)
