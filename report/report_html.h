/*
 * report_html.h: one self-contained HTML page for an analyze report
 * (binprime-report/1): the verdict and its reasons, key figures, inline SVG
 * charts (write rate and prefetchable share over log time, per-table
 * index-entry coverage, class mix, transaction sizes) and tables of the top
 * tables, classes, reasons and largest transactions; optionally the figures
 * of a replay of its script.
 *
 * The page loads nothing (no scripts, fonts, images or styles from outside;
 * its Content-Security-Policy forbids them), so it can be mailed or attached
 * to a CI run as it is. Every chart is an <svg class="chart"> and every data
 * mark in it (rect, path, circle) has the class "datum"; hovering a mark shows
 * its figures (SVG <title>). All text taken from the report is HTML-escaped.
 */
#ifndef BP_REPORT_REPORT_HTML_H
#define BP_REPORT_REPORT_HTML_H

#include <stddef.h>

#include "../common/err.h"

/*
 * Render report_json[0..n) (the text of an analyze --report) into the file
 * path ("-" = stdout); replay_json[0..rn), when not NULL, is a replay --report
 * whose figures get a section of their own (cards, a throughput chart, the
 * per-class latencies, the --follow figures). Returns 0, or with err set:
 * -BP_E_CORRUPT (not a JSON object), -BP_E_UNSUPPORTED (not binprime-report/1
 * or binprime-replay/1), -BP_E_IO, -BP_E_NOMEM.
 */
int bp_report_html(const char *report_json, size_t n, const char *replay_json, size_t rn, const char *path,
		   bp_err *err);

#endif
