# Block device tests and the AddressSanitizer runs of the hostile tests: included by CMakeLists.txt in this folder.
#
# Every block test is labelled e2e, blk and kvm; the scripts it runs are in
# blk/ (each says what it does at its top). Tests that need root (mount and
# network namespaces, tmpfs, chattr) report SKIPPED without it, through
# blk/require.sh. Commands and patterns below write @MONITOR@ for the
# monitor and @IMAGES@ for the folder of disk images: tests that also run on
# tenor-hvt-asan get tenor-hvt-asan and a folder of their own there, so that
# the two copies can run at the same time (ctest -j).
#
# Every hostile test, including those of tests/e2e/CMakeLists.txt and
# net.cmake, runs a second time as e2e.asan.NAME on tenor-hvt-asan (the same
# monitor built with -fsanitize=address,undefined): the same exit status and
# messages are expected, and no sanitizer report.

set(BLK ${CMAKE_CURRENT_SOURCE_DIR}/blk)
set(BLK_IMAGES ${IMAGES}/blk)
set(GUARD bash ${BLK}/image-guard.sh)
set(HVT_ASAN $<TARGET_FILE:tenor-hvt-asan>)
# halt_on_error makes the first report fatal; detect_leaks=0 because the
# monitor exits through paths that need not free everything.
set(ASAN_ENVIRONMENT
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1)
set(ASAN_REJECT --reject-output "ERROR: AddressSanitizer" --reject-output "runtime error:")
set(ASAN_CTEST_TIMEOUT 120)
set(HOST_CHECKED --reject-output "^HOST CHECK FAILED" --expect-output "^host check: image size unchanged")

# Gives test, a run on tenor-hvt-asan, the sanitizers' settings and label.
function(tenor_asan_properties test)
  set_tests_properties(${test} PROPERTIES
    ENVIRONMENT "${ASAN_ENVIRONMENT}" SKIP_RETURN_CODE 77 TIMEOUT ${ASAN_CTEST_TIMEOUT})
  set_property(TEST ${test} APPEND PROPERTY LABELS asan)
endfunction()

# tenor_blk_e2e(NAME [ROOT] [ASAN] [NEEDS "cmd..."] [PROBE shell-cmd] [TIMEOUT s]
#               HARNESS-ARGS... -- COMMAND...): registers e2e.blk.NAME, and
# with ASAN also e2e.asan.blk.NAME. ROOT, NEEDS (commands that must be
# installed) and PROBE (a check that must pass, whose last output line is
# the reason otherwise) make the test SKIPPED when they do not hold.
function(tenor_blk_e2e name)
  cmake_parse_arguments(PARSE_ARGV 1 B "ROOT;ASAN" "NEEDS;PROBE;TIMEOUT" "")
  if(NOT B_TIMEOUT)
    set(B_TIMEOUT ${DEFAULT_TIMEOUT})
  endif()
  tenor_e2e_require(require "${B_ROOT}" "${B_NEEDS}" "${B_PROBE}")
  set(variants plain)
  if(B_ASAN)
    list(APPEND variants asan)
  endif()
  math(EXPR ctest_timeout "${B_TIMEOUT} + 30")
  foreach(variant IN LISTS variants)
    set(harness --timeout ${B_TIMEOUT} --needs-kvm)
    if(variant STREQUAL asan)
      set(test e2e.asan.blk.${name})
      set(monitor ${HVT_ASAN})
      list(APPEND harness ${ASAN_REJECT})
    else()
      set(test e2e.blk.${name})
      set(monitor ${HVT})
    endif()
    set(args ${require} -- bash ${RUN} ${harness} ${B_UNPARSED_ARGUMENTS})
    list(TRANSFORM args REPLACE "@MONITOR@" "${monitor}")
    list(TRANSFORM args REPLACE "@IMAGES@" "${BLK_IMAGES}/${variant}")
    add_test(NAME ${test} COMMAND bash ${BLK}/require.sh ${args})
    set_tests_properties(${test} PROPERTIES
      LABELS "e2e;blk;kvm" SKIP_RETURN_CODE 77 TIMEOUT ${ctest_timeout})
    if(variant STREQUAL asan)
      tenor_asan_properties(${test})
    endif()
  endforeach()
endfunction()

# --- Multi-sector requests and refused I/O, checked from the host afterwards.
#
# test_blk_multi writes only below 3 MiB (WRITE_ZONE in its source) and aims
# every invalid request above it, where image-guard.sh checks the image is
# unchanged; every request is refused both by the bindings and, sent raw, by
# the monitor.
set(MULTI_SIZE 8388608)
set(MULTI_ZONE 0:3145728)
foreach(sector_size 512 4096)
  math(EXPR max_sectors "1048576 / ${sector_size}")
  if(sector_size EQUAL 512)
    set(name multi)
    set(sector_flag "")
  else()
    set(name multi.sector_size_${sector_size})
    set(sector_flag --block-sector-size:storage=${sector_size})
  endif()
  tenor_blk_e2e(${name} ASAN
    --expect-output "^storage: capacity ${MULTI_SIZE} block_size ${sector_size}$"
    --expect-output "^round trips of 1, 8 and 256 sectors: ok$"
    --expect-output "^round trip of the 1 MiB maximum \\(${max_sectors} sectors\\): ok$"
    --expect-output "^bindings refuse invalid I/O: ok \\(12 kinds of request\\)$"
    --expect-output "^monitor refuses invalid I/O: ok \\(12 kinds of request\\)$"
    --expect-output "^SUCCESS$" --reject-output "^FAILURE"
    --expect-output "^host check: the 5242880 bytes outside the ranges the guest may write are unchanged$"
    ${HOST_CHECKED}
    -- ${GUARD} --image @IMAGES@/${name}.img --size ${MULTI_SIZE} --may-write ${MULTI_ZONE}
       -- @MONITOR@ --mem=16 --block:storage=@IMAGES@/${name}.img ${sector_flag}
          ${G}/test_blk_multi.hvt)
endforeach()

# --- Images that even root cannot open read-write: refused before boot.

# Each case: readonly.sh's mode, the command it needs, and the end of the
# monitor's message (errno text and hint), with IMAGE for the image's path.
set(RO_CASES
  ro-mount unshare
    "Read-only file system\\): the unikernel may write to its disk, so copy the image to a writable file system, or remount its file system read-write$"
  immutable chattr
    "Operation not permitted\\): the unikernel may write to its disk, so clear the file's immutable or append-only attribute \\(lsattr IMAGE. chattr -i -a IMAGE\\) or give a copy$")
foreach(i RANGE 0 5 3)
  math(EXPR needs_at "${i} + 1")
  math(EXPR message_at "${i} + 2")
  list(GET RO_CASES ${i} mode)
  list(GET RO_CASES ${needs_at} needs)
  list(GET RO_CASES ${message_at} message)
  string(REPLACE "-" "_" name ${mode})
  set(image @IMAGES@/readonly_${name}.img)
  string(REPLACE "IMAGE" "@IMAGES@/readonly_${name}\\.img" message "${message}")
  tenor_blk_e2e(readonly.${name} ROOT ASAN NEEDS ${needs}
    PROBE "bash ${BLK}/readonly.sh check ${mode} @IMAGES@/probe_${name}.img"
    --expect-exit 1
    --expect-output "^tenor-hvt: block device 'storage' \\(@IMAGES@/readonly_${name}\\.img\\) cannot be opened read-write \\(${message}"
    --reject-output "^storage: handle" ${NO_VERDICT}
    -- bash ${BLK}/readonly.sh run ${mode} ${image}
       -- @MONITOR@ --mem=16 --block:storage=${image} ${G}/test_blk_acquire.hvt)
endforeach()

# --- A host write error (ENOSPC on a full tmpfs): SOLO5_R_EUNSPEC, a log
# line, the monitor keeps serving, earlier data intact.

tenor_blk_e2e(enospc ROOT ASAN NEEDS "unshare mount"
  --expect-output "^write of 65536 bytes at [0-9]+: SOLO5_R_EUNSPEC$"
  --expect-output "^tenor-hvt: block device 'storage': write of 65536 bytes at [0-9]+ failed: No space left on device \\(nothing was written\\) \\(reported to the unikernel as SOLO5_R_EUNSPEC\\)$"
  --expect-output "^the failed write changed nothing$"
  --expect-output "^chunks written before the failure read back intact: [1-9][0-9]*$"
  --expect-output "^the device still works after the failure$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE"
  --expect-output "^host check: the 1048576 bytes outside the ranges the guest may write are unchanged$"
  ${HOST_CHECKED}
  -- bash ${BLK}/enospc.sh @IMAGES@/enospc-mount @MONITOR@ ${G}/test_blk_enospc.hvt)

# --- Hostile block hypercalls: exit 1, a message naming the hypercall and
# the bad value, and an image no byte of which changed.

set(HOSTILE_IMAGE_SIZE 1048576)
set(HC_BLOCK "^tenor-hvt: hypercall BLOCK_")
set(OUTSIDE [[ of 512 bytes lies outside guest memory \(0x1000000 bytes\)$]])
set(BLK_HOSTILE_CHECKS
  --expect-output "^host check: the ${HOSTILE_IMAGE_SIZE} bytes outside the ranges the guest may write are unchanged$"
  ${HOST_CHECKED} --reject-output "^the monitor returned")
# Attack (test_blk_hostile's command line) and the monitor's message.
set(BLK_ATTACKS
  read-handle-0 "${HC_BLOCK}READ: handle 0 is not an attached block device$"
  write-handle-99 "${HC_BLOCK}WRITE: handle 99 is not an attached block device$"
  read-handle-huge "${HC_BLOCK}READ: handle 9223372036854775808 is not an attached block device$"
  write-outside "${HC_BLOCK}WRITE: buffer 0x1001000${OUTSIDE}"
  read-outside "${HC_BLOCK}READ: buffer 0x1001000${OUTSIDE}"
  read-straddle "${HC_BLOCK}READ: buffer 0xffff00${OUTSIDE}"
  write-wrap "${HC_BLOCK}WRITE: buffer 0xffffffffffffff00${OUTSIDE}"
  read-wrap "${HC_BLOCK}READ: buffer 0xffffffffffffff00${OUTSIDE}"
  write-arg-outside "${HC_BLOCK}WRITE: address 0x80000000 \\(40 bytes\\) lies outside guest memory")
list(LENGTH BLK_ATTACKS attack_words)
math(EXPR last_attack "${attack_words} - 2")
foreach(i RANGE 0 ${last_attack} 2)
  math(EXPR message_at "${i} + 1")
  list(GET BLK_ATTACKS ${i} attack)
  list(GET BLK_ATTACKS ${message_at} message)
  string(REPLACE "-" "_" name ${attack})
  tenor_blk_e2e(hostile.${name} ASAN --expect-exit 1
    --expect-output "${message}" ${NO_VERDICT} ${BLK_HOSTILE_CHECKS}
    -- ${GUARD} --image @IMAGES@/hostile_${name}.img --size ${HOSTILE_IMAGE_SIZE}
       -- @MONITOR@ --mem=16 --block:storage=@IMAGES@/hostile_${name}.img
          ${G}/test_blk_hostile.hvt ${attack})
endforeach()
# Requests of 2^63 bytes are invalid, not hostile: EINVAL, and the guest goes on.
tenor_blk_e2e(hostile.huge_len ASAN
  --expect-output "^requests of 2\\^63 bytes refused with EINVAL$"
  --expect-output "^the device still works$"
  --expect-output "^SUCCESS$" --reject-output "^FAILURE" ${BLK_HOSTILE_CHECKS}
  -- ${GUARD} --image @IMAGES@/hostile_huge_len.img --size ${HOSTILE_IMAGE_SIZE}
     -- @MONITOR@ --mem=16 --block:storage=@IMAGES@/hostile_huge_len.img
        ${G}/test_blk_hostile.hvt huge-len)
# The handle of a network device is no block device: the guest declares
# both, so the test needs a tap (in a private network namespace).
foreach(direction read write)
  string(TOUPPER ${direction} hypercall)
  tenor_blk_e2e(hostile.${direction}_net_handle ROOT ASAN NEEDS "unshare ip"
    --expect-exit 1
    --expect-output "${HC_BLOCK}${hypercall}: handle 2 is not an attached block device$"
    ${NO_VERDICT} ${BLK_HOSTILE_CHECKS}
    -- bash ${BLK}/with-tap.sh tap0
       -- ${GUARD} --image @IMAGES@/hostile_net_handle_${direction}.img --size ${HOSTILE_IMAGE_SIZE}
          -- @MONITOR@ --mem=16 --block:storage=@IMAGES@/hostile_net_handle_${direction}.img
             --net:service=tap0 ${G}/test_blk_nethandle.hvt ${direction})
endforeach()

# --- Two guests at once, on two images, sharing nothing.

tenor_blk_e2e(two_guests TIMEOUT 60
  --expect-output "^A: SUCCESS$" --expect-output "^B: SUCCESS$"
  --expect-output "^both guests ran at the same time: their runs overlapped by [0-9]+ ms$"
  --reject-output "^TWO GUESTS FAILED" --reject-output "FAILURE"
  -- bash ${BLK}/two-guests.sh @MONITOR@ ${G}/test_blk_multi.hvt
     @IMAGES@/two_guests_a.img @IMAGES@/two_guests_b.img 200)

# --- The hostile tests of tenor-hvt registered with tenor_e2e
# (tests/e2e/CMakeLists.txt, net.cmake), again on tenor-hvt-asan, with the
# arguments tenor_e2e recorded. None of them writes a disk image, so each may
# run beside its plain copy.

set(ASAN_RERUN_PATTERN "(^|[._])hostile|^buggyelf|^wrong_abi")
get_property(e2e_tests GLOBAL PROPERTY TENOR_E2E_TESTS)
foreach(name IN LISTS e2e_tests)
  if(NOT name MATCHES "${ASAN_RERUN_PATTERN}")
    continue()
  endif()
  get_property(args GLOBAL PROPERTY TENOR_E2E_ARGS_${name})
  # Only tests of tenor-hvt have a sanitized monitor to run on.
  list(FIND args "${HVT}" monitor_at)
  if(monitor_at EQUAL -1)
    continue()
  endif()
  list(TRANSFORM args REPLACE "\\$<TARGET_FILE:tenor-hvt>" "${HVT_ASAN}")
  add_test(NAME e2e.asan.${name} COMMAND bash ${RUN} ${ASAN_REJECT} ${args})
  set_tests_properties(e2e.asan.${name} PROPERTIES LABELS "e2e;kvm")
  tenor_asan_properties(e2e.asan.${name})
endforeach()
