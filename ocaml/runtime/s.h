/* s.h: the OCaml runtime's OS configuration for tenor unikernels (written for this project; configure never runs). */
#ifndef TENOR_OCAML_S_H
#define TENOR_OCAML_S_H

/* The runtime sees a minimal Unix: the libc is tenor's (ocaml/libc), whose
   file, directory and process calls fail with ENOSYS. Everything left
   undefined here makes the runtime take its portable fallback path. */
#define OCAML_OS_TYPE "Unix"

/* musl supplies the C99 math functions, with a correct fma and round. */
#define HAS_C99_FLOAT_OPS 1
#define HAS_WORKING_FMA 1
#define HAS_WORKING_ROUND 1

/* Clocks: gettimeofday() and times() read the Solo5 clocks. */
#define HAS_GETTIMEOFDAY 1
#define HAS_TIMES 1

#define HAS_STDINT_H 1
#define HAS_UNISTD 1
#define HAS_DIRENT 1
#define HAS_GETCWD 1

/* The environment is empty, so the secure variant is as good as getenv(). */
#define HAS_SECURE_GETENV 1

/* Left out on purpose: POSIX_SIGNALS and HAS_STACK_OVERFLOW_DETECTION (no
   signals reach a unikernel), SUPPORT_DYNAMIC_LINKING (one static image),
   HAS_LOCALE and HAS_STRTOD_L (only the "C" locale exists), HAS_SYSTEM,
   HAS_SOCKETS, HAS_MMAP and HAS_HUGE_PAGES. */

#endif
