import { describe, expect, it } from 'vitest';

import { consoleData } from './data';
import { errorHint, statusMeaning } from './errors';
import { maskSecret, redactHeaders, redactText } from './redact';

const data = consoleData();
const list = data.operations.find((o) => o.operationId === 'listProjects');

describe('error hints from the document', () => {
  it('maps every error-table status to its label, hint and anchor', () => {
    for (const row of data.errors) {
      expect(errorHint(row.status, data.errors)).toMatchObject({
        label: row.label,
        hint: row.hint,
        href: `/reference/errors#${row.status}`,
      });
    }
    expect(errorHint(200, data.errors)).toBeUndefined();
    expect(errorHint(418, data.errors)).toBeUndefined();
  });

  it('explains statuses from the operation, then the table, then the class', () => {
    expect(statusMeaning(200, list, data.errors)).toMatch(/One page of projects/);
    expect(statusMeaning(405, list, data.errors)).toBe('Method Not Allowed');
    expect(statusMeaning(502, list, data.errors)).toBe('Server error');
  });
});

describe('redaction', () => {
  it('redacts every kind of AeThex secret but keeps its prefix', () => {
    expect(redactText('token atx_abcdEFGH1234 and pat_9999zzzz, whsec_MfKQ9r8GKY+/=, cs_secretvalue')).toBe(
      'token atx_… and pat_…, whsec_…, cs_…',
    );
    expect(redactText('prj_8fK2mQ9xLp4Rt7Vb stays')).toBe('prj_8fK2mQ9xLp4Rt7Vb stays');
  });

  it('redacts Authorization headers', () => {
    expect(redactHeaders({ Authorization: 'Bearer atx_abc123456', Accept: 'application/json' })).toEqual({
      Authorization: 'Bearer …',
      Accept: 'application/json',
    });
  });

  it('masks secrets for display', () => {
    expect(maskSecret('atx_0123456789abcdef')).toBe('atx_••••••••cdef');
    expect(maskSecret('short')).toBe('•••••');
  });
});
