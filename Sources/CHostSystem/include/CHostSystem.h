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

#include <stddef.h>

/// A user-space execution context with its own stack (fiber.c): started, resumed and suspended on one thread.
typedef struct chostsystem_fiber chostsystem_fiber;

/// Maps a stack of `stack_size` bytes plus a guard page; NULL with errno set on failure. The fiber starts finished.
chostsystem_fiber *chostsystem_fiber_create(size_t stack_size);
/// Makes a finished fiber run `entry(arg)` from the top of its stack when next resumed.
void chostsystem_fiber_start(chostsystem_fiber *f, void (*entry)(void *), void *arg);
/// Switches into `f`; returns when it suspends or its entry returns.
void chostsystem_fiber_resume(chostsystem_fiber *f);
/// Called on `f`'s own stack: switches back to whoever resumed it.
void chostsystem_fiber_suspend(chostsystem_fiber *f);
/// 1 once the entry returned (or before it was started), else 0.
int chostsystem_fiber_finished(const chostsystem_fiber *f);
/// Unmaps the stack and frees `f`, which must be finished.
void chostsystem_fiber_destroy(chostsystem_fiber *f);

#endif
