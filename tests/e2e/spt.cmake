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

# tenor_e2e_spt(NAME [TIMEOUT seconds] HARNESS-ARGS... -- COMMAND...):
# registers e2e.spt.NAME, labelled e2e and spt.
function(tenor_e2e_spt name)
  cmake_parse_arguments(PARSE_ARGV 1 E "" "TIMEOUT" "")
  if(NOT E_TIMEOUT)
    set(E_TIMEOUT ${DEFAULT_TIMEOUT})
  endif()
  add_test(NAME e2e.spt.${name} COMMAND bash ${RUN} --timeout ${E_TIMEOUT} ${E_UNPARSED_ARGUMENTS})
  math(EXPR ctest_timeout "${E_TIMEOUT} + 30")
  set_tests_properties(e2e.spt.${name} PROPERTIES
    LABELS "e2e;spt" SKIP_RETURN_CODE 77 TIMEOUT ${ctest_timeout})
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

# --- Hostile guests. spt has no hypercalls: the guest makes system calls,
# whose arguments travel in registers and whose buffers the host kernel
# checks itself. The hostile acts that correspond to hvt's are system calls
# or arguments the filter does not allow, which kill the unikernel with
# SIGSYS, so the twins run test_spt_hostile with the closest attack.

set(HOSTILE_IMAGE ${SPT_IMAGES}/hostile.img)
set(HOSTILE_SETUP --setup "${MAKE_IMAGES} 65536 ${HOSTILE_IMAGE}")
set(HOSTILE ${SPT} --mem=16 --block:storage=${HOSTILE_IMAGE} ${G}/test_spt_hostile.spt)
set(NEVER_PRINTED --reject-output "never reach the console")

# tenor_e2e_spt_sigsys(NAME ATTACK ANNOUNCEMENT): the attack is announced,
# then the process dies of SIGSYS before anything else is printed.
function(tenor_e2e_spt_sigsys name attack announcement)
  tenor_e2e_spt(${name} --expect-exit ${SPT_SIGSYS} ${HOSTILE_SETUP}
    --expect-output "^attempting ${announcement}" --reject-output "returned"
    ${NEVER_PRINTED} ${NO_VERDICT}
    -- ${HOSTILE} ${attack})
endfunction()

# PUTS from outside guest memory: on spt the console write's buffer is an
# unmapped address; the kernel refuses it with EFAULT, prints nothing, and
# the guest carries on (exit 0, not 1).
tenor_e2e_spt(hostile.puts_outside ${HOSTILE_SETUP}
  --expect-output "^console write refused: 14$" --expect-output "^SUCCESS$"
  -- ${HOSTILE} write-outside)
tenor_e2e_spt(hostile.puts_wrap ${HOSTILE_SETUP}
  --expect-output "^console write refused: 14$" --expect-output "^SUCCESS$" ${NEVER_PRINTED}
  -- ${HOSTILE} write-wrap)
# An argument block outside guest memory: an hvt hypercall is port I/O,
# which a process may not do: a general protection fault (exit 255).
tenor_e2e_spt(hostile.arg_outside --expect-exit 255 ${HOSTILE_SETUP}
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
