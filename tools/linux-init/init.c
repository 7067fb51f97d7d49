/*
 * The initramfs's /init for tools/linux_compare.py: a freestanding ARM EABI
 * program (no libc) that mounts /proc, prints the files that show Linux's
 * memory layout between markers, and powers the machine off.
 *
 *   ==== BEGIN dmesg ====          the kernel's log (syslog READ_ALL)
 *   ...
 *   ==== END dmesg ====
 *   ==== BEGIN /proc/meminfo ====
 *   ...
 *   ==== END /proc/meminfo ==== LENGTH SUM   (bytes and their sum, hex)
 *   ==== DONE ====
 *
 * Raw EABI system calls: the number in r7, arguments in r0-r5, "svc #0".
 */
#define NR_exit 1
#define NR_read 3
#define NR_write 4
#define NR_open 5
#define NR_close 6
#define NR_mkdir 39
#define NR_reboot 88
#define NR_mount 21
#define NR_syslog 103
#define SYSLOG_ACTION_READ_ALL 3

#define REBOOT_MAGIC1 0xfee1dead
#define REBOOT_MAGIC2 672274793
#define REBOOT_POWER_OFF 0x4321fedc

static long sys3(long nr, long a, long b, long c)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

static long sys5(long nr, long a, long b, long c, long d, long e)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r7)
			 : "memory");
	return r0;
}

static unsigned long slen(const char *s)
{
	unsigned long n = 0;
	while (s[n])
		n++;
	return n;
}

/* A tty may take less than it was given (its output buffer is full):
 * write the rest until all of it is out or the write fails. */
static void write_all(const char *p, long n)
{
	while (n > 0) {
		long done = sys3(NR_write, 1, (long)p, n);

		if (done == -4 || done == -11)	/* EINTR, EAGAIN: again */
			continue;
		if (done <= 0)
			return;
		p += done;
		n -= done;
	}
}

static void put(const char *s)
{
	write_all(s, (long)slen(s));
}

/* Each section's length and byte sum go on its END line, so the reader can
 * tell a section the console delivered whole from one that lost bytes. */
static unsigned long sec_len, sec_sum;

static void put_data(const char *p, long n)
{
	for (long i = 0; i < n; i++) {
		sec_len++;
		sec_sum += (unsigned char)p[i];
	}
	write_all(p, n);
}

static void put_hex(unsigned long v)	/* no division: no libgcc needed */
{
	char d[9];

	for (int i = 0; i < 8; i++)
		d[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
	d[8] = 0;
	put(d);
}

static void begin(const char *name)
{
	put("==== BEGIN ");
	put(name);
	put(" ====\n");
	sec_len = sec_sum = 0;
}

static void end(const char *name)
{
	put("==== END ");
	put(name);
	put(" ==== ");
	put_hex(sec_len);
	put(" ");
	put_hex(sec_sum);
	put("\n");
}

static char buf[4096];
static char logbuf[1 << 19];	/* the kernel's log buffer: Debian's is 128 KB */

static void dump(const char *path)
{
	long fd, n, last = '\n';

	begin(path);
	fd = sys3(NR_open, (long)path, 0, 0);
	if (fd < 0) {
		put_data("(cannot open)\n", 14);
	} else {
		while ((n = sys3(NR_read, fd, (long)buf, sizeof(buf))) > 0) {
			put_data(buf, n);
			last = buf[n - 1];
		}
		if (last != '\n')
			put_data("\n", 1);
		sys3(NR_close, fd, 0, 0);
	}
	end(path);
}

void _start(void)
{
	static const char *const files[] = {
		"/proc/meminfo", "/proc/vmallocinfo", "/proc/iomem",
		"/proc/zoneinfo", "/proc/cmdline",
	};
	unsigned int i;

	/* The console: the kernel opens /dev/console for init when the
	 * initramfs has it (the cpio carries the node). */
	sys3(NR_mkdir, (long)"/proc", 0555, 0);
	if (sys5(NR_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0) < 0)
		put("init: mount proc failed\n");
	/* Real addresses in /proc/vmallocinfo: it prints them with %pK,
	 * which kptr_restrict=0 hashes (Linux 5.10 has no no_hash_pointers
	 * to turn that off); with 1, a reader holding CAP_SYSLOG (init is
	 * root) sees them as they are. */
	long kfd = sys3(NR_open, (long)"/proc/sys/kernel/kptr_restrict", 1 /* O_WRONLY */, 0);
	if (kfd < 0 || sys3(NR_write, kfd, (long)"1\n", 2) != 2)
		put("init: cannot set kptr_restrict: vmallocinfo's addresses may be hashed\n");
	if (kfd >= 0)
		sys3(NR_close, kfd, 0, 0);
	/* The kernel's own log, for a boot with "quiet" (whose console shows
	 * almost nothing, which saves seconds of emulated serial output). */
	begin("dmesg");
	long n = sys3(NR_syslog, SYSLOG_ACTION_READ_ALL, (long)logbuf, sizeof(logbuf));
	if (n > 0) {
		put_data(logbuf, n);
		if (logbuf[n - 1] != '\n')
			put_data("\n", 1);
	} else {
		put_data("(syslog failed)\n", 16);
	}
	end("dmesg");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		dump(files[i]);
	put("==== DONE ====\n");
	sys5(NR_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_POWER_OFF, 0, 0);
	sys3(NR_exit, 0, 0, 0);
	for (;;)
		;
}
