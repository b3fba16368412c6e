/** Asks the user what to do when the destination already holds an object, or when credentials need renewing. */
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { JobSnapshot } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';

type Question = NonNullable<JobSnapshot['question']>;
type Decision = 'skip' | 'overwrite' | 'keep-both';

export function ConflictQuestion({ job, question }: { job: JobSnapshot; question: Question }) {
  const [applyToAll, setApplyToAll] = useState(false);
  const id = useId();
  const answer = useMutation({ mutationFn: (decision: Decision) => call('transfer.answer', { jobId: job.id, decision, applyToAll }) });
  if (question.kind === 'credentials') {
    return (
      <p role="alert" className="inline-error">
        {question.message} Update the connection's keys, then resume.
      </p>
    );
  }
  return (
    <div role="group" aria-labelledby={`${id}-q`} className="question">
      <p id={`${id}-q`}>{question.message}</p>
      <button type="button" onClick={() => answer.mutate('skip')}>
        Skip
      </button>
      <button type="button" onClick={() => answer.mutate('overwrite')}>
        Overwrite
      </button>
      <button type="button" onClick={() => answer.mutate('keep-both')}>
        Keep both
      </button>
      <label className="checkbox">
        <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
        Do this for every conflict in this job
      </label>
      {answer.error && (
        <p role="alert" className="inline-error">
          {answer.error instanceof CallError ? answer.error.data.message : String(answer.error)}
        </p>
      )}
    </div>
  );
}
