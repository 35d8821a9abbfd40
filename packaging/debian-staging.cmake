# SPDX-License-Identifier: Apache-2.0
# Run by CPack (CPACK_PRE_BUILD_SCRIPTS, packaging/Packaging.cmake) on its staging tree, after
# `cmake --install` into it and before the .deb is made: what Debian policy asks of a binary
# package beyond the install rules.
#   - man pages compressed with gzip -9n (no name, no time stamp: reproducible)
#   - /usr/share/doc/nacsa: copyright (machine-readable, packaging/copyright),
#     changelog.Debian.gz (one entry, dated by SOURCE_DATE_EPOCH or else the last commit, so
#     that two builds of one commit give the same file), README.md.gz; examples/ stays
#     uncompressed (small files, and `nacsa init --config` reads them where they are)
#   - the program without the .comment and .note sections, as dh_strip leaves it (CPack's
#     strip, CPACK_STRIP_FILES, has already taken the symbols and debug information out)
#   - lintian's overrides, each with its reason (packaging/lintian-overrides)
#   - modes 0644 for files and 0755 for folders and programs, whatever the umask
set(root "${CPACK_TEMPORARY_INSTALL_DIRECTORY}${CPACK_PACKAGING_INSTALL_PREFIX}")
if(NOT IS_DIRECTORY "${root}/bin")
  message(FATAL_ERROR "debian-staging: no ${root}/bin in CPack's staging tree")
endif()
set(src "${CPACK_NACSA_SOURCE_DIR}")
set(doc "${root}/share/doc/${CPACK_PACKAGE_NAME}")

function(gzip_n file)
  execute_process(COMMAND gzip -9nf "${file}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "debian-staging: gzip -9n ${file} failed")
  endif()
endfunction()

file(GLOB programs "${root}/bin/*")
foreach(program IN LISTS programs)
  execute_process(COMMAND strip --remove-section=.comment --remove-section=.note "${program}"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "debian-staging: strip ${program} failed")
  endif()
endforeach()

file(MAKE_DIRECTORY "${root}/share/lintian/overrides")
file(COPY_FILE "${src}/packaging/lintian-overrides" "${root}/share/lintian/overrides/${CPACK_PACKAGE_NAME}")

file(GLOB pages "${root}/share/man/man*/*")
foreach(page IN LISTS pages)
  if(NOT page MATCHES "\\.gz$")
    gzip_n("${page}")
  endif()
endforeach()

file(MAKE_DIRECTORY "${doc}")
file(COPY_FILE "${src}/packaging/copyright" "${doc}/copyright")
file(COPY_FILE "${src}/README.md" "${doc}/README.md")
gzip_n("${doc}/README.md")

# The changelog's date: SOURCE_DATE_EPOCH, else the last commit's, else CMakeLists.txt's time.
set(epoch "$ENV{SOURCE_DATE_EPOCH}")
set(commit "")
if(EXISTS "${src}/.git")
  execute_process(COMMAND git -C "${src}" log -1 --format=%ct OUTPUT_VARIABLE commit_epoch
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
  if(rc EQUAL 0 AND commit_epoch MATCHES "^[0-9]+$")
    execute_process(COMMAND git -C "${src}" log -1 --format=%h OUTPUT_VARIABLE commit
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(epoch STREQUAL "")
      set(epoch "${commit_epoch}")
    endif()
  endif()
endif()
if(NOT epoch MATCHES "^[0-9]+$")
  file(TIMESTAMP "${src}/CMakeLists.txt" epoch "%s" UTC)
endif()
execute_process(COMMAND date -u -R -d "@${epoch}" OUTPUT_VARIABLE date
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "debian-staging: date -R of ${epoch} failed")
endif()
set(version "${CPACK_PACKAGE_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")
# One line under 80 columns (lintian: debian-changelog-line-too-long).
if(commit STREQUAL "")
  set(origin "")
else()
  set(origin " (commit ${commit})")
endif()
file(WRITE "${doc}/changelog.Debian" "\
${CPACK_PACKAGE_NAME} (${version}) unstable; urgency=medium

  * nacsa ${CPACK_PACKAGE_VERSION}, packaged by CPack${origin}.

 -- ${CPACK_PACKAGE_CONTACT}  ${date}
")
gzip_n("${doc}/changelog.Debian")

# Modes: 0755 for folders and for what is executable, 0644 for everything else.
file(GLOB_RECURSE entries LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*")
foreach(entry IN LISTS entries)
  if(IS_SYMLINK "${entry}")
    continue()
  endif()
  if(IS_DIRECTORY "${entry}" OR entry MATCHES "/bin/[^/]+$")
    file(CHMOD "${entry}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                      WORLD_READ WORLD_EXECUTE)
  else()
    file(CHMOD "${entry}" PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
  endif()
endforeach()
