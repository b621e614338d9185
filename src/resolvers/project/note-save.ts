import { z } from 'zod';
import { PROJECT_NOTE_MAX } from '../../contract';
import { getMyself } from '../../jira/myself';
import { ACCOUNT_ID, safeText } from '../../registry/validation';
import { readIdentityRecord, readSnapshotPointer } from '../../scan/snapshot-store';
import { defineResolver } from '../define';
import { AppFailure } from '../../errors';
import { confirmedProject } from './integrations';
import { writeProjectNote } from '../../registry/project-notes';
import { touches } from './project-slice';

// A lone UTF-16 surrogate cannot be stored or shown faithfully; refuse it rather than mangle it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const NOTE = safeText(PROJECT_NOTE_MAX, { multiLine: true }).refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text');

/**
 * project/note-save: this project's note about one integration that touches it ("feeds our release
 * report"); an empty note deletes it. Only for the project in context, and only about an integration
 * the last scan found here. Policy: project-reader.
 */
export const saveProjectNote = defineResolver({
  key: 'project/note-save',
  policy: 'project-reader',
  input: z.object({ accountId: ACCOUNT_ID, note: NOTE }).strict(),
  async run({ payload, caller }) {
    const project = confirmedProject(caller.project);
    const pointer = await readSnapshotPointer();
    const record = pointer ? await readIdentityRecord(pointer, payload.accountId) : null;
    // Same answer for "no such identity" and "not in this project": nothing about other projects leaks.
    if (!touches(record?.projects.find((p) => p.projectKey === project.key))) {
      throw new AppFailure('NOT_FOUND', `That integration does not touch ${project.key} in the last scan.`);
    }
    const me = await getMyself();
    if (me.accountId !== caller.accountId) throw new AppFailure('FORBIDDEN', 'Jira says you are signed in as someone else. Reload the page.');
    const note = await writeProjectNote({ accountId: payload.accountId, projectKey: project.key, note: payload.note, by: { accountId: caller.accountId, displayName: me.displayName } });
    console.info(`[project/note-save] ${note ? 'saved' : 'deleted'} a note in ${project.key} (${payload.note.length} characters)`);
    return { note };
  },
});
