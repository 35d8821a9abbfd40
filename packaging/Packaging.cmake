# SPDX-License-Identifier: Apache-2.0
# The Debian package: `cpack -G DEB` in the build folder (tests/e2e/test_install.py builds it
# and runs lintian on it: no error, no warning). `cmake --install` lays out the same files
# uncompressed; debian-staging.cmake turns CPack's staging tree into what Debian policy asks
# (gzip'd man pages and changelog, the copyright file) before the package is made.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME nacsa)
set(CPACK_PACKAGE_VENDOR "nacsa developers")
set(CPACK_PACKAGE_CONTACT "nacsa developers <dev@nacsa.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "secretariat toolkit for National Civil Society Alliances")
# One paragraph; CPack indents each line by one space. Every line under 80 columns (lintian).
set(CPACK_PACKAGE_DESCRIPTION "\
nacsa keeps the member register, steering committee, working groups,
meetings, activity plan and quarterly reports of a National Civil Society
Alliance against organized crime in one private SQLite store, configured by
one YAML file. It is one command-line program for the alliance's
secretariat, usable at a terminal, from scripts and from cron, with man
pages and shell completion for bash, zsh and fish.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
# A Debian revision: the package is not a native one, so its changelog is changelog.Debian.gz.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Depends: the shared libraries' packages (dpkg-shlibdeps, from dpkg-dev), and the time-zone
# database the meeting and report code reads.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata")
# `nacsa config template` reads the ISO 3166 country and region names from iso-codes.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "iso-codes")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The binary is built with line tables (-g1, 35 MB); the package carries it stripped (4.6 MB)
# and leaves the debug symbols out.
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
# Read by debian-staging.cmake (CPack passes every CPACK_ variable on to it).
set(CPACK_NACSA_SOURCE_DIR ${PROJECT_SOURCE_DIR})
set(CPACK_PRE_BUILD_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/debian-staging.cmake)
include(CPack)
