/*
 * rusage.c: sstop-rusage, the benchmark's stopwatch.  Runs one command and
 * writes one line "WALL USER SYS MAXRSS STATUS" (seconds, seconds, seconds,
 * kilobytes, exit status or 128+signal) to a file or stderr, from wait4's
 * rusage of that command alone, so the harness's own work is never counted.
 * A benchmark tool, not part of sstop: messages are not translated.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double tv_s(struct timeval tv)
{
	return tv.tv_sec + tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	struct timespec t0, t1;
	struct rusage ru;
	FILE *f = stderr;
	int status, code, argi = 1;
	pid_t pid;

	if (argi + 1 < argc && strcmp(argv[argi], "-o") == 0) {
		out = argv[argi + 1];
		argi += 2;
	}
	if (argi < argc && strcmp(argv[argi], "--") == 0)
		argi++;
	if (argi >= argc) {
		fputs("Usage: sstop-rusage [-o FILE] [--] COMMAND [ARG]...\n",
		      stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "sstop-rusage: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[argi], argv + argi);
		fprintf(stderr, "sstop-rusage: %s: %s\n", argv[argi],
			strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "sstop-rusage: wait4: %s\n",
				strerror(errno));
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	code = WIFEXITED(status) ? WEXITSTATUS(status)
				 : 128 + WTERMSIG(status);
	if (out) {
		f = fopen(out, "w");
		if (!f) {
			fprintf(stderr, "sstop-rusage: %s: %s\n", out,
				strerror(errno));
			return 2;
		}
	}
	fprintf(f, "%.6f %.6f %.6f %ld %d\n",
		(double)(t1.tv_sec - t0.tv_sec) +
			(double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		tv_s(ru.ru_utime), tv_s(ru.ru_stime), ru.ru_maxrss, code);
	if (out && fclose(f) != 0)
		return 2;
	return code;
}
