#ifndef STREAMTAP_CNCURSES_SHIM_H
#define STREAMTAP_CNCURSES_SHIM_H

// Wide-character curses: these must be defined before any system header.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// Swift cannot use C globals that are not concurrency-safe, nor function-like
// macros; these accessors expose what StreamTapTerminal needs.

/// The C library's wcwidth, which Swift's Glibc module does not declare.
static inline int streamtap_wcwidth(wchar_t character) { return wcwidth(character); }

/// Starts curses on the process's standard input and output for the terminal
/// type `term` (NULL: $TERM). Returns NULL, unlike initscr, when it cannot.
static inline SCREEN *streamtap_newterm(const char *term) { return newterm(term, stdout, stdin); }

/// Whether the current terminal can move the cursor to any position.
static inline bool streamtap_can_position_cursor(void) {
    char *capability = tigetstr("cup");
    return capability != NULL && capability != (char *)-1;
}

static inline WINDOW *streamtap_stdscr(void) { return stdscr; }
static inline int streamtap_lines(void) { return LINES; }
static inline int streamtap_cols(void) { return COLS; }
static inline int streamtap_colors(void) { return COLORS; }
static inline int streamtap_color_pairs(void) { return COLOR_PAIRS; }
static inline int streamtap_glyph_capacity(void) { return CCHARW_MAX; }

static inline attr_t streamtap_a_bold(void) { return A_BOLD; }
static inline attr_t streamtap_a_dim(void) { return A_DIM; }
static inline attr_t streamtap_a_italic(void) { return A_ITALIC; }
static inline attr_t streamtap_a_reverse(void) { return A_REVERSE; }
static inline attr_t streamtap_a_underline(void) { return A_UNDERLINE; }

/// Button presses, releases and the wheel, without motion reports.
static inline mmask_t streamtap_mouse_events(void) { return ALL_MOUSE_EVENTS; }
/// The mask bit for `button` (1-5) pressed or released; 0 for other buttons.
static inline mmask_t streamtap_button_mask(int button, bool pressed) {
    switch (button) {
    case 1: return pressed ? BUTTON1_PRESSED : BUTTON1_RELEASED;
    case 2: return pressed ? BUTTON2_PRESSED : BUTTON2_RELEASED;
    case 3: return pressed ? BUTTON3_PRESSED : BUTTON3_RELEASED;
    case 4: return pressed ? BUTTON4_PRESSED : BUTTON4_RELEASED;
    case 5: return pressed ? BUTTON5_PRESSED : BUTTON5_RELEASED;
    default: return 0;
    }
}
/// The mask bits for `button` (1-3) clicked once, twice or three times: a
/// press and its release read together come as a click, even with a mouse
/// interval of 0. 0 for other buttons.
static inline mmask_t streamtap_button_clicked_mask(int button) {
    switch (button) {
    case 1: return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED;
    case 2: return BUTTON2_CLICKED | BUTTON2_DOUBLE_CLICKED | BUTTON2_TRIPLE_CLICKED;
    case 3: return BUTTON3_CLICKED | BUTTON3_DOUBLE_CLICKED | BUTTON3_TRIPLE_CLICKED;
    default: return 0;
    }
}
static inline mmask_t streamtap_button_shift(void) { return BUTTON_SHIFT; }
static inline mmask_t streamtap_button_ctrl(void) { return BUTTON_CTRL; }
static inline mmask_t streamtap_button_alt(void) { return BUTTON_ALT; }

/// Draws one wide-character cell on stdscr with the given attributes and
/// colour pair. `text` is one spacing character followed by at most
/// CCHARW_MAX - 1 non-spacing ones, NUL-terminated.
static inline int streamtap_put_cell(int y, int x, const wchar_t *text, attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) {
        return ERR;
    }
    return mvadd_wch(y, x, &cell);
}

#endif
