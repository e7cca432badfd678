// The shared change detection of the Record Triggers (nodes/shared/polling.ts), run through the
// Timely AI Record Trigger in n8n-core's PollContext against the Timely simulator.
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { MAX_BOUNDARY } from '../../../nodes/shared/polling';
import { timelySuite } from '../timely/setup';

const timely = timelySuite();
type Row = Record<string, unknown> & { id: string };
const TYPE = 'timelyAiRecordTrigger';

const leads = () => timely.data().leads as Row[];
const stamp = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
function addLead(seconds: number, extra: Record<string, unknown> = {}): Row {
	const at = stamp(seconds);
	const lead = { id: randomUUID(), company_id: leads()[0]?.company_id ?? 'c1', customer_name: 'Lead', status: 'new', score: 10, created_at: at, updated_at: at, ...extra };
	leads().push(lead);
	return lead;
}
const listRequests = () => timely.requests().filter((r) => r.path === '/v1/leads').length;
const ids = (result: Awaited<ReturnType<typeof timely.poll>>) => (result?.[0] ?? []).map((item) => String(item.json.id));

/** A poller with its own static data, as one activated workflow node. */
function poller(parameters: IDataObject = { event: 'leadCreated' }) {
	const staticData: Record<string, unknown> = {};
	return {
		staticData,
		poll: async () => await timely.poll(TYPE, parameters, staticData),
		manual: async () => await timely.poll(TYPE, parameters, staticData, true),
	};
}

/** Runs `change` when the list is asked for its `page`-th page, before it is answered. */
function onListPage(page: number, change: () => void) {
	const requests = timely.sim.state.requests as Array<{ path: string; query: Record<string, string> }>;
	const push = requests.push.bind(requests);
	requests.push = (...entries) => {
		const count = push(...entries);
		if (entries.some((e) => e.path === '/v1/leads' && e.query.page === String(page))) {
			requests.push = push;
			change();
		}
		return count;
	};
}

describe('shared polling › change detection', () => {
	beforeEach(() => {
		leads().length = 0;
		for (let i = 0; i < 30; i++) addLead(i);
	});

	it('emits nothing from the past on first activation, then each new record once, one request per quiet poll', async () => {
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		const lead = addLead(100);
		expect(ids(await trigger.poll())).toEqual([lead.id]);
		const before = listRequests();
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
		expect(listRequests() - before).toBe(2);
	});

	it('a list that is empty at activation: its first records are new, not the past', async () => {
		leads().length = 0;
		const trigger = poller();
		expect(await trigger.poll()).toBeNull();
		const lead = addLead(500);
		expect(ids(await trigger.poll())).toEqual([lead.id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('Include Existing emits the records already there on first activation, oldest first', async () => {
		const trigger = poller({ event: 'leadCreated', includeExisting: true });
		const emitted = ids(await trigger.poll());
		expect(emitted).toEqual(leads().map((l) => l.id));
		expect(await trigger.poll()).toBeNull();
	});

	it('records sharing the cursor timestamp are neither lost nor repeated (tie-break by id)', async () => {
		const trigger = poller();
		const twins = [addLead(50), addLead(50)];
		expect(await trigger.poll()).toBeNull();
		// Two more records arrive later with exactly the same timestamp.
		const late = [addLead(50), addLead(50)];
		expect(ids(await trigger.poll()).sort()).toEqual(late.map((l) => l.id).sort());
		expect(await trigger.poll()).toBeNull();
		expect(twins).toHaveLength(2);
	});

	it('deletes: a deleted record is not reported, and deleting the newest one hides nothing after it', async () => {
		const trigger = poller();
		await trigger.poll();
		// The record the cursor points at goes away; the list's newest is now older than the cursor.
		leads().splice(leads().length - 1, 1);
		expect(await trigger.poll()).toBeNull();
		const lead = addLead(200);
		expect(ids(await trigger.poll())).toEqual([lead.id]);
		// A record deleted between two polls before it was seen is simply not there to report.
		const gone = addLead(300);
		leads().splice(leads().indexOf(gone), 1);
		const kept = addLead(301);
		expect(ids(await trigger.poll())).toEqual([kept.id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('reads every page when more than one page of new records arrived, with ⌈n/page⌉ requests', async () => {
		const trigger = poller();
		await trigger.poll();
		const fresh = Array.from({ length: 250 }, (_, i) => addLead(1000 + i));
		const before = listRequests();
		expect(ids(await trigger.poll())).toEqual(fresh.map((l) => l.id));
		expect(listRequests() - before).toBe(3);
		expect(await trigger.poll()).toBeNull();
	});

	it('records moving between pages while reading are neither repeated nor lost', async () => {
		const trigger = poller();
		await trigger.poll();
		const fresh = Array.from({ length: 150 }, (_, i) => addLead(1000 + i));
		// A record arrives while page 2 is asked for: everything slides down by one.
		let arrived: Row | undefined;
		onListPage(2, () => (arrived = addLead(5000)));
		// The total changed while reading, so the poll read again and has the newcomer too, once.
		expect(ids(await trigger.poll())).toEqual([...fresh, arrived!].map((l) => l.id));
		expect(await trigger.poll()).toBeNull();

		// A record above is deleted while page 2 is asked for: everything slides up by one, and the
		// record at the page edge would be skipped; the changed total makes the poll read again.
		const more = Array.from({ length: 150 }, (_, i) => addLead(6000 + i));
		onListPage(2, () => leads().splice(leads().indexOf(more[149]), 1));
		expect(ids(await trigger.poll())).toEqual(more.slice(0, 149).map((l) => l.id));
		expect(await trigger.poll()).toBeNull();
	});

	it('a failing poll fails visibly, keeps its position, and the next poll delivers what was missed', async () => {
		const trigger = poller();
		await trigger.poll();
		const saved = JSON.stringify(trigger.staticData);
		const fresh = Array.from({ length: 120 }, (_, i) => addLead(1000 + i));
		// Page 2 fails on every attempt the transport makes.
		await timely.control('faults', { path: '^/v1/leads$', skip: 1, status: 503, remaining: 5 });
		await expect(trigger.poll()).rejects.toThrow(/Timely AI/);
		expect(JSON.stringify(trigger.staticData)).toBe(saved);
		timely.sim.state.faults.length = 0;
		expect(ids(await trigger.poll())).toEqual(fresh.map((l) => l.id));
	});

	it('a timeout fails the poll and the position does not advance', async () => {
		const trigger = poller();
		await trigger.poll();
		const saved = JSON.stringify(trigger.staticData);
		const lead = addLead(1000);
		await timely.control('faults', { path: '^/v1/leads$', kind: 'reset', remaining: 5 });
		await expect(trigger.poll()).rejects.toThrow(/Could not reach Timely AI/);
		expect(JSON.stringify(trigger.staticData)).toBe(saved);
		timely.sim.state.faults.length = 0;
		expect(ids(await trigger.poll())).toEqual([lead.id]);
	});

	it('a change is keyed by id + the changed field: a status change once, other edits not', async () => {
		const trigger = poller({ event: 'leadStatusChanged' });
		await trigger.poll();
		const lead = leads()[5];
		Object.assign(lead, { status: 'qualified', updated_at: stamp(2000) });
		expect(ids(await trigger.poll())).toEqual([lead.id]);
		expect(await trigger.poll()).toBeNull();
		// Another field changes: updated_at moves, the status does not.
		Object.assign(lead, { score: 90, updated_at: stamp(2001) });
		expect(await trigger.poll()).toBeNull();
		// Back to the earlier status is a change again.
		Object.assign(lead, { status: 'new', updated_at: stamp(2002) });
		expect(ids(await trigger.poll())).toEqual([lead.id]);
		// A new lead is not a status change.
		addLead(3000);
		expect(await trigger.poll()).toBeNull();
	});

	it('Fetch Test Event returns the newest matching record and leaves the position alone', async () => {
		const trigger = poller();
		await trigger.poll();
		const saved = JSON.stringify(trigger.staticData);
		const newest = addLead(4000);
		expect(ids(await trigger.manual())).toEqual([newest.id]);
		expect(JSON.stringify(trigger.staticData)).toBe(saved);
		expect(ids(await trigger.poll())).toEqual([newest.id]);
	});

	it('keeps the boundary bounded however many records share a timestamp', async () => {
		const trigger = poller({ event: 'leadCreated', includeExisting: true });
		for (let i = 0; i < 1200; i++) addLead(7000);
		await trigger.poll();
		const state = (trigger.staticData['node:Poller Under Test'] as { poll: { boundary: string[] } }).poll;
		expect(state.boundary.length).toBeLessThanOrEqual(MAX_BOUNDARY);
	});
});
