#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <unistd.h>
#include "CHostSystem.h"

int chostsystem_fallocate(int fd, int mode, long long offset, long long length) {
    return fallocate(fd, mode, (off_t)offset, (off_t)length);
}

const int chostsystem_FALLOC_FL_KEEP_SIZE = FALLOC_FL_KEEP_SIZE;
const int chostsystem_FALLOC_FL_PUNCH_HOLE = FALLOC_FL_PUNCH_HOLE;
const int chostsystem_FALLOC_FL_ZERO_RANGE = FALLOC_FL_ZERO_RANGE;
const int chostsystem_FALLOC_FL_COLLAPSE_RANGE = FALLOC_FL_COLLAPSE_RANGE;
const int chostsystem_FALLOC_FL_INSERT_RANGE = FALLOC_FL_INSERT_RANGE;
const int chostsystem_SEEK_DATA = SEEK_DATA;
const int chostsystem_SEEK_HOLE = SEEK_HOLE;
