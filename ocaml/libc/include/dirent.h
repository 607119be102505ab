/* dirent.h: directory streams; there is no file system, so opendir() fails with ENOSYS. */
#ifndef TENOR_LIBC_DIRENT_H
#define TENOR_LIBC_DIRENT_H

#include "_decl.h"
#include "sys/types.h"

typedef struct tenor_dir DIR;

struct dirent {
    ino_t d_ino;
    off_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[256];
};

TENOR_BEGIN_DECLS
DIR *opendir(const char *path);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
TENOR_END_DECLS

#endif
