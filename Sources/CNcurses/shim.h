#ifndef STREAMTAP_CNCURSES_SHIM_H
#define STREAMTAP_CNCURSES_SHIM_H

// Wide-character curses: these must be defined before any system header.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Swift cannot use C globals that are not concurrency-safe, nor function-like
// macros; these accessors expose what the ncurses backend needs.

static inline WINDOW *streamtap_stdscr(void) { return stdscr; }
static inline int streamtap_lines(void) { return LINES; }
static inline int streamtap_cols(void) { return COLS; }
static inline int streamtap_colors(void) { return COLORS; }
static inline int streamtap_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t streamtap_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
static inline attr_t streamtap_a_bold(void) { return A_BOLD; }
static inline attr_t streamtap_a_dim(void) { return A_DIM; }
static inline attr_t streamtap_a_reverse(void) { return A_REVERSE; }
static inline attr_t streamtap_a_underline(void) { return A_UNDERLINE; }
static inline attr_t streamtap_a_normal(void) { return A_NORMAL; }
static inline int streamtap_key_resize(void) { return KEY_RESIZE; }
static inline int streamtap_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t streamtap_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t streamtap_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t streamtap_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t streamtap_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t streamtap_button5_pressed(void) { return BUTTON5_PRESSED; }

/// Draws one wide-character cell with the given attributes and colour pair.
static inline int streamtap_put_cell(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) {
        return ERR;
    }
    return mvadd_wch(y, x, &cell);
}

#endif
