// User-space execution contexts for the deterministic scheduler: each fiber has its own mmap'd stack, and a switch
// saves the callee-saved registers on one stack and restores them from another. On x86_64 the switch is a few
// instructions (no system call); elsewhere it is glibc's swapcontext(3), which also saves the signal mask.
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "CHostSystem.h"

#if !defined(__x86_64__)
#include <ucontext.h>
#endif

struct chostsystem_fiber {
    void *stack;              // the mapping, guard page included
    size_t mapped;            // its length
    void (*entry)(void *);
    void *arg;
    int finished;
#if defined(__x86_64__)
    void *sp;                 // the fiber's saved stack pointer while it is suspended
    void *caller_sp;          // the resumer's saved stack pointer while the fiber runs
#else
    ucontext_t ctx;
    ucontext_t caller;
#endif
};

static void fiber_main(struct chostsystem_fiber *f);

#if defined(__x86_64__)
// chostsystem_fiber_jump(void **save_sp, void *load_sp): pushes rbp, rbx, r12-r15 and the MXCSR and x87 control
// words, stores rsp in *save_sp, loads load_sp and pops the same frame from it. A new fiber's frame returns into
// chostsystem_fiber_entry_stub with the fiber in r12.
void chostsystem_fiber_jump(void **save_sp, void *load_sp);
__asm__(
    ".pushsection .text\n"
    ".globl chostsystem_fiber_jump\n"
    ".hidden chostsystem_fiber_jump\n"
    ".type chostsystem_fiber_jump,@function\n"
    "chostsystem_fiber_jump:\n"
    "    pushq %rbp\n"
    "    pushq %rbx\n"
    "    pushq %r12\n"
    "    pushq %r13\n"
    "    pushq %r14\n"
    "    pushq %r15\n"
    "    subq $16, %rsp\n"
    "    stmxcsr (%rsp)\n"
    "    fnstcw 4(%rsp)\n"
    "    movq %rsp, (%rdi)\n"
    "    movq %rsi, %rsp\n"
    "    ldmxcsr (%rsp)\n"
    "    fldcw 4(%rsp)\n"
    "    addq $16, %rsp\n"
    "    popq %r15\n"
    "    popq %r14\n"
    "    popq %r13\n"
    "    popq %r12\n"
    "    popq %rbx\n"
    "    popq %rbp\n"
    "    ret\n"
    ".size chostsystem_fiber_jump, .-chostsystem_fiber_jump\n"
    ".type chostsystem_fiber_entry_stub,@function\n"
    "chostsystem_fiber_entry_stub:\n"
    "    .cfi_startproc\n"
    "    .cfi_undefined rip\n"
    "    movq %r12, %rdi\n"
    "    call chostsystem_fiber_main@PLT\n"
    "    ud2\n"
    "    .cfi_endproc\n"
    ".size chostsystem_fiber_entry_stub, .-chostsystem_fiber_entry_stub\n"
    ".popsection\n");
extern char chostsystem_fiber_entry_stub[];

__attribute__((used, visibility("hidden"))) void chostsystem_fiber_main(struct chostsystem_fiber *f);
void chostsystem_fiber_main(struct chostsystem_fiber *f) { fiber_main(f); }

/// Lays out a frame at the top of the stack that `chostsystem_fiber_jump` pops into `chostsystem_fiber_entry_stub`.
static void fiber_prepare(struct chostsystem_fiber *f) {
    uintptr_t top = ((uintptr_t)f->stack + f->mapped) & ~(uintptr_t)15;
    uint64_t *sp = (uint64_t *)top;
    *--sp = (uint64_t)(uintptr_t)chostsystem_fiber_entry_stub; // return address
    *--sp = 0;                                   // rbp
    *--sp = 0;                                   // rbx
    *--sp = (uint64_t)(uintptr_t)f;              // r12
    *--sp = 0;                                   // r13
    *--sp = 0;                                   // r14
    *--sp = 0;                                   // r15
    *--sp = 0;                                   // the pad of the control-word slot
    *--sp = 0;                                   // MXCSR (low half), x87 control word (high half), filled below
    uint32_t *control = (uint32_t *)sp;
    control[0] = 0x1F80;                         // MXCSR: all exceptions masked, round to nearest
    control[1] = 0x037F;                         // x87 control word: the same defaults
    f->sp = sp;
}

static void fiber_switch_in(struct chostsystem_fiber *f) { chostsystem_fiber_jump(&f->caller_sp, f->sp); }
static void fiber_switch_out(struct chostsystem_fiber *f) { chostsystem_fiber_jump(&f->sp, f->caller_sp); }
#else
static void fiber_trampoline(unsigned int hi, unsigned int lo) {
    fiber_main((struct chostsystem_fiber *)(((uintptr_t)hi << 32) | (uintptr_t)lo));
}

static void fiber_prepare(struct chostsystem_fiber *f) {
    getcontext(&f->ctx);
    long page = sysconf(_SC_PAGESIZE);
    f->ctx.uc_stack.ss_sp = (char *)f->stack + page;
    f->ctx.uc_stack.ss_size = f->mapped - (size_t)page;
    f->ctx.uc_link = NULL;
    uintptr_t p = (uintptr_t)f;
    makecontext(&f->ctx, (void (*)(void))fiber_trampoline, 2, (unsigned int)(p >> 32), (unsigned int)p);
}

static void fiber_switch_in(struct chostsystem_fiber *f) { swapcontext(&f->caller, &f->ctx); }
static void fiber_switch_out(struct chostsystem_fiber *f) { swapcontext(&f->ctx, &f->caller); }
#endif

/// Runs the entry, marks the fiber finished and switches back for good (a finished fiber is never resumed).
static void fiber_main(struct chostsystem_fiber *f) {
    f->entry(f->arg);
    f->finished = 1;
    fiber_switch_out(f);
    abort();
}

chostsystem_fiber *chostsystem_fiber_create(size_t stack_size) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t mapped = ((stack_size + page - 1) / page + 1) * page;
    void *stack = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                       -1, 0);
    if (stack == MAP_FAILED) return NULL;
    if (mprotect(stack, page, PROT_NONE) != 0) {   // the guard page: an overflow faults instead of corrupting
        int e = errno;
        munmap(stack, mapped);
        errno = e;
        return NULL;
    }
    struct chostsystem_fiber *f = calloc(1, sizeof *f);
    if (f == NULL) {
        munmap(stack, mapped);
        errno = ENOMEM;
        return NULL;
    }
    f->stack = stack;
    f->mapped = mapped;
    f->finished = 1;
    return f;
}

void chostsystem_fiber_start(chostsystem_fiber *f, void (*entry)(void *), void *arg) {
    f->entry = entry;
    f->arg = arg;
    f->finished = 0;
    fiber_prepare(f);
}

void chostsystem_fiber_resume(chostsystem_fiber *f) { fiber_switch_in(f); }

void chostsystem_fiber_suspend(chostsystem_fiber *f) { fiber_switch_out(f); }

int chostsystem_fiber_finished(const chostsystem_fiber *f) { return f->finished; }

void chostsystem_fiber_destroy(chostsystem_fiber *f) {
    munmap(f->stack, f->mapped);
    free(f);
}
