import type { JobView } from '../../../shared/jobs.ts';
import { jobReportText, jobSummary } from '../../../shared/job-report.ts';

/** Hands a job report to the browser's (or the window's) download: JSON as the CLI gives it, or text to read. */
export function saveJobReport(job: JobView, format: 'json' | 'text'): void {
  const body = format === 'json' ? `${JSON.stringify(jobSummary(job), null, 2)}\n` : jobReportText(job);
  const blob = new Blob([body], { type: format === 'json' ? 'application/json' : 'text/plain' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${job.id}${format === 'json' ? '.json' : '.txt'}`;
  link.click();
  // The download has its own copy by the next task; the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
