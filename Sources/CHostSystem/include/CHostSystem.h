// What Swift's Glibc module hides: glibc declares fallocate(2), FALLOC_FL_* and SEEK_DATA/SEEK_HOLE only under
// _GNU_SOURCE, which the module is not built with. hostsystem.c is, so these come from the system's own headers.
#ifndef CHOSTSYSTEM_H
#define CHOSTSYSTEM_H

/// fallocate(2): 0 on success, -1 with errno set on failure.
int chostsystem_fallocate(int fd, int mode, long long offset, long long length);

/// FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE, FALLOC_FL_ZERO_RANGE, FALLOC_FL_COLLAPSE_RANGE, FALLOC_FL_INSERT_RANGE
/// (linux/falloc.h).
extern const int chostsystem_FALLOC_FL_KEEP_SIZE;
extern const int chostsystem_FALLOC_FL_PUNCH_HOLE;
extern const int chostsystem_FALLOC_FL_ZERO_RANGE;
extern const int chostsystem_FALLOC_FL_COLLAPSE_RANGE;
extern const int chostsystem_FALLOC_FL_INSERT_RANGE;

/// SEEK_DATA, SEEK_HOLE (lseek(2) whence values).
extern const int chostsystem_SEEK_DATA;
extern const int chostsystem_SEEK_HOLE;

#endif
