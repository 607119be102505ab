# TenorOcaml.cmake: tenor_ocaml_unikernel(), which builds OCaml unikernels inside tenor's CMake build through bin/tenor-ocaml.
#
# tenor_ocaml_unikernel(NAME
#     SOURCES a.ml b.ml [stubs.c ...]   (relative to the current source dir)
#     [PACKAGES lwt cstruct ...]        findlib packages
#     [MANIFEST manifest.json]          default: no devices
#     [TARGETS hvt spt ...]             default: hvt, and spt once its bindings are built
#     [OUTPUT_DIRECTORY dir])           default: the current binary dir
#
# Writes <dir>/NAME.<target> for each target, through the target
# tenor-ocaml-NAME (built by default). The variable TENOR_OCAML_<NAME>_OUTPUTS
# is set in the caller's scope to the list of images.

# Functions are global in CMake but variables are not: the paths are
# derived here from the build directory, so that any folder can call it.
function(tenor_ocaml_unikernel name)
  cmake_parse_arguments(PARSE_ARGV 1 U "" "MANIFEST;OUTPUT_DIRECTORY" "SOURCES;PACKAGES;TARGETS")
  set(sdk ${CMAKE_BINARY_DIR}/lib/tenor/ocaml)
  set(driver ${CMAKE_BINARY_DIR}/bin/tenor-ocaml)
  if(NOT U_SOURCES)
    message(FATAL_ERROR "tenor_ocaml_unikernel(${name}): no SOURCES given")
  endif()
  if(NOT U_TARGETS)
    # Every target whose bindings this build makes.
    set(U_TARGETS hvt)
    if(TARGET tenor-bindings-spt)
      list(APPEND U_TARGETS spt)
    endif()
  endif()
  if(NOT U_OUTPUT_DIRECTORY)
    set(U_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()

  set(args build -o ${U_OUTPUT_DIRECTORY}/${name} --build-dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.build)
  set(depends tenor-ocaml-sdk tenor-toolchain tenor-elftool ${driver} ${sdk}/libasmrun.a ${sdk}/libtenor_libc.a ${sdk}/musl.o
    ${sdk}/site-lib/tenor/solo5_os.cmxa ${sdk}/site-lib/tenor/libsolo5_os_stubs.a
    ${sdk}/site-lib/tenor/tenor_mirage.cmxa ${sdk}/site-lib/tenor/tenor_rng.cmxa)
  set(outputs)
  foreach(target ${U_TARGETS})
    list(APPEND args --target ${target})
    list(APPEND outputs ${U_OUTPUT_DIRECTORY}/${name}.${target})
    list(APPEND depends tenor-bindings-${target}
      ${CMAKE_BINARY_DIR}/lib/tenor/solo5_${target}.o ${CMAKE_BINARY_DIR}/lib/tenor/solo5_${target}.lds)
  endforeach()
  if(U_PACKAGES)
    string(REPLACE ";" "," packages "${U_PACKAGES}")
    list(APPEND args --packages ${packages})
  endif()
  if(U_MANIFEST)
    get_filename_component(manifest ${U_MANIFEST} ABSOLUTE)
    list(APPEND args --manifest ${manifest})
    list(APPEND depends ${manifest})
  endif()
  foreach(source ${U_SOURCES})
    get_filename_component(source ${source} ABSOLUTE)
    list(APPEND args ${source})
    list(APPEND depends ${source})
  endforeach()

  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${driver} ${args}
    DEPENDS ${depends}
    COMMENT "Building the OCaml unikernel ${name} (${U_TARGETS})"
    VERBATIM)
  add_custom_target(tenor-ocaml-${name} ALL DEPENDS ${outputs})
  set(TENOR_OCAML_${name}_OUTPUTS ${outputs} PARENT_SCOPE)
endfunction()
