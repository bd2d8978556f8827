#ifndef KIOSK_CNCURSESW_SHIM_H
#define KIOSK_CNCURSESW_SHIM_H

/* Wide-character curses: these must be defined before <curses.h> or the cchar_t API and
   get_wch are hidden. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* stdscr, LINES, COLS and COLORS are macros or globals that Swift imports awkwardly (or as
   mutable shared state); read them through functions instead. */
static inline WINDOW *kiosk_stdscr(void) { return stdscr; }
static inline int kiosk_lines(void) { return LINES; }
static inline int kiosk_cols(void) { return COLS; }
static inline int kiosk_colors(void) { return COLORS; }

/* Attribute bits are built by the NCURSES_BITS macro, which Swift cannot import. */
static inline attr_t kiosk_attr_bold(void) { return A_BOLD; }
static inline attr_t kiosk_attr_dim(void) { return A_DIM; }
static inline attr_t kiosk_attr_italic(void) { return A_ITALIC; }
static inline attr_t kiosk_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t kiosk_attr_reverse(void) { return A_REVERSE; }
static inline attr_t kiosk_attr_blink(void) { return A_BLINK; }

/* KEY_F(n) is a function-like macro. */
static inline int kiosk_key_f(int n) { return KEY_F(n); }

/* Writes one grapheme (up to 8 code points, NUL-terminated) at (y, x) in a colour pair.
   The pair goes through setcchar's opts pointer so pairs above 32767 work. */
static inline int kiosk_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, wch, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}

/* SIGTERM/SIGHUP/SIGINT/SIGQUIT: the first one is only noted, and the UI loop (which wakes at
   least every few tens of milliseconds) restores the terminal with endwin and exits: endwin is
   not async-signal-safe, and calling it while the main thread holds a curses or malloc lock
   could hang. A second signal means the loop is stuck: restore and exit from the handler.
   The flag is static in this header, so only one Swift file (NCursesBackend.swift) may call
   the functions that touch it. */
static volatile sig_atomic_t kiosk_pending_signal = 0;

static void kiosk_on_termination_signal(int sig) {
    if (kiosk_pending_signal != 0) {
        endwin();
        _exit(128 + sig);
    }
    kiosk_pending_signal = sig;
}

static inline int kiosk_take_pending_signal(void) {
    int sig = kiosk_pending_signal;
    kiosk_pending_signal = 0;
    return sig;
}

/* A crash (a Swift trap is SIGILL or SIGTRAP) restores the terminal, then re-raises with the
   default action so the exit status and any core dump still tell the truth. */
static void kiosk_restore_and_reraise(int sig) {
    endwin();
    raise(sig);
}

static inline void kiosk_install_signal_handlers(void) {
    struct sigaction crash;
    crash.sa_handler = kiosk_restore_and_reraise;
    sigemptyset(&crash.sa_mask);
    crash.sa_flags = SA_RESETHAND;
    sigaction(SIGABRT, &crash, NULL);
    sigaction(SIGILL, &crash, NULL);
    sigaction(SIGTRAP, &crash, NULL);
    sigaction(SIGSEGV, &crash, NULL);
    sigaction(SIGBUS, &crash, NULL);
    sigaction(SIGFPE, &crash, NULL);

    struct sigaction action;
    action.sa_handler = kiosk_on_termination_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);
}

/// 1 when the terminal on standard input has gone (hung up, closed): curses then returns at
/// once with nothing, and a loop waiting for keys would spin.
static inline int kiosk_terminal_hung_up(void) {
    struct pollfd input = { .fd = 0, .events = POLLIN, .revents = 0 };
    if (poll(&input, 1, 0) <= 0) return 0;
    return (input.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

#endif
