import type { JobView } from '../../../shared/jobs.ts';
import { cleanupSentence, differenceValue, verifySentence } from '../../../shared/job-report.ts';

/**
 * What is true of a finished job now: its latest verify, with its time and every difference (object, field,
 * source and clone), and what Clean up did. "Verified" shows only while the last verify found nothing.
 */
export function JobTruth({ job }: { job: JobView }) {
  const verify = job.verify;
  const unexpected = verify?.differences.filter((d) => !d.expected) ?? [];
  const expected = verify?.differences.filter((d) => d.expected) ?? [];
  const cleanup = cleanupSentence(job);
  return (
    <div className="job__truth">
      <p
        className={verify && unexpected.length === 0 ? 'job__verify job__verify--clean' : 'job__verify'}
        role="status"
        aria-label="Latest verify"
      >
        {verifySentence(job)}
        {verify &&
          verify.reconstructed.length > 0 &&
          ` ${verify.reconstructed.length} reconstructed ${verify.reconstructed.length === 1 ? 'file differs' : 'files differ'} as expected (lossy).`}
      </p>
      {unexpected.length + expected.length > 0 && (
        <table className="job-diffs" aria-label={`Differences found by verify of ${job.title}`}>
          <thead>
            <tr>
              <th scope="col">Object</th>
              <th scope="col">Field</th>
              <th scope="col">Source</th>
              <th scope="col">Clone</th>
            </tr>
          </thead>
          <tbody>
            {[...unexpected, ...expected].map((d, index) => (
              <tr key={`${d.key}-${d.field}-${index}`} aria-label={`${d.label}: ${d.field}`}>
                <th scope="row">{d.label}</th>
                <td>
                  {d.field}
                  {d.expected && <span className="badge badge--warn">expected</span>}
                </td>
                <td className="job-diffs__value">{differenceValue(d.source)}</td>
                <td className="job-diffs__value">{differenceValue(d.destination)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cleanup && (
        <p
          className={job.cleanup?.failed.length ? 'job__error' : 'job__cleanup'}
          role="status"
          aria-label="Clean up result"
        >
          {cleanup}
        </p>
      )}
    </div>
  );
}
