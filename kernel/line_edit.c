/*
 * The console's line editor.
 *
 *   printable   inserted at the end (the line is as long as the buffer)
 *   BS / DEL    delete the last character
 *   Ctrl-U      delete the whole line
 *   Ctrl-C      abandon the line ("^C"), an empty line is returned
 *   Up / Down   walk the history (ESC [ A / ESC [ B, or ESC O A / B)
 *   CR, LF      end the line; CR LF counts as one end
 *
 * Every other byte is ignored, and so is any other escape sequence (a
 * CSI sequence runs to its final byte, 0x40-0x7e).  A control character
 * (CR, Ctrl-C, ESC ...) abandons a sequence and then does its own job, as
 * a terminal executes controls inside a sequence, and a sequence longer
 * than ESC_MAX bytes is abandoned too: a stray ESC never swallows the
 * Enter or the Ctrl-C after it, and a line of random bytes can never leave
 * the editor in a state it does not recover from.
 */
#include <stdbool.h>
#include <string.h>

#include "irq.h"
#include "line_edit.h"
#include "pl011.h"
#include "printk.h"

#define HISTORY_LINES	16
#define HISTORY_WIDTH	256

#define ESC_MAX		16	/* parameter and intermediate bytes in a sequence */

enum esc_state { ESC_NONE, ESC_SEEN, ESC_CSI };

static bool is_control(int c)
{
	return c < 0x20 || c == 0x7f;
}

static char history[HISTORY_LINES][HISTORY_WIDTH];
static unsigned history_count;		/* lines ever added; the newest is count-1 */

/* The next input byte.  With the receive interrupt the CPU sleeps in
 * WFI until a byte (or the tick) arrives; IRQs stay masked from the check
 * to the WFI so a byte landing in between still wakes it. */
static int console_read_byte(void)
{
	for (;;) {
		uint32_t flags = local_irq_save();
		int c = pl011_getc();

		if (c < 0 && pl011_irq_driven())
			wait_for_interrupt();
		local_irq_restore(flags);
		if (c >= 0)
			return c;
	}
}

static void history_add(const char *line)
{
	if (!line[0])
		return;
	if (history_count &&
	    !strcmp(history[(history_count - 1) % HISTORY_LINES], line))
		return;		/* the same command again is one entry */
	strncpy(history[history_count % HISTORY_LINES], line, HISTORY_WIDTH - 1);
	history[history_count % HISTORY_LINES][HISTORY_WIDTH - 1] = '\0';
	history_count++;
}

static void erase(size_t n)
{
	for (; n; n--)
		printk("\b \b");
}

/* Replace the line on screen and in buf by what is at history distance
 * `back` (1 = newest), or by an empty line for 0. */
static size_t recall(char *buf, size_t size, size_t len, unsigned back)
{
	const char *h = back ? history[(history_count - back) % HISTORY_LINES] : "";
	size_t n = strlen(h);

	if (n >= size)
		n = size - 1;
	erase(len);
	memcpy(buf, h, n);
	buf[n] = '\0';
	printk("%s", buf);
	return n;
}

void line_edit_read(char *buf, size_t size)
{
	size_t len = 0;
	unsigned back = 0;	/* how far up the history we are */
	unsigned depth = history_count < HISTORY_LINES ? history_count : HISTORY_LINES;
	enum esc_state esc = ESC_NONE;
	unsigned esc_len = 0;	/* bytes of the sequence after ESC [ */
	static int last_end;	/* the CR of a CR LF pair ended the last line */

	for (;;) {
		int c = console_read_byte();

		if (esc != ESC_NONE && is_control(c)) {
			esc = ESC_NONE;		/* abandoned; c does its own job below */
		} else if (esc == ESC_SEEN) {
			/* ESC [ and ESC O begin a sequence; ESC x (Alt-x) is dropped. */
			esc = (c == '[' || c == 'O') ? ESC_CSI : ESC_NONE;
			esc_len = 0;
			continue;
		} else if (esc == ESC_CSI) {
			if (c >= 0x40 && c <= 0x7e) {
				esc = ESC_NONE;
				if (c == 'A' && back < depth)
					len = recall(buf, size, len, ++back);
				else if (c == 'B' && back > 0)
					len = recall(buf, size, len, --back);
			} else if (c < 0x20 || c > 0x3f || ++esc_len > ESC_MAX) {
				esc = ESC_NONE;	/* not a sequence byte, or too long: dropped */
			}
			continue;
		}
		if (c == '\n' && last_end == '\r') {
			last_end = 0;
			continue;
		}
		last_end = 0;
		switch (c) {
		case '\r':
		case '\n':
			last_end = c;
			printk("\n");
			buf[len] = '\0';
			history_add(buf);
			return;
		case 0x1b:
			esc = ESC_SEEN;
			break;
		case 0x03:		/* Ctrl-C */
			printk("^C\n");
			buf[0] = '\0';
			return;
		case 0x15:		/* Ctrl-U */
			erase(len);
			len = 0;
			break;
		case 0x08:
		case 0x7f:
			if (len) {
				len--;
				erase(1);
			}
			break;
		default:
			if (c >= 0x20 && c < 0x7f && len + 1 < size) {
				buf[len++] = (char)c;
				printk("%c", c);
			}
		}
	}
}
