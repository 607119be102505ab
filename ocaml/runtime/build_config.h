/* build_config.h: what the OCaml runtime's Makefile would generate, for a tenor unikernel. */
#ifndef TENOR_OCAML_BUILD_CONFIG_H
#define TENOR_OCAML_BUILD_CONFIG_H

/* Never opened at run time (a unikernel has no file system); it names the
   Debian library the program was compiled against. */
#define OCAML_STDLIB_DIR "/usr/lib/ocaml"
#define HOST "x86_64-solo5-none"

#endif
