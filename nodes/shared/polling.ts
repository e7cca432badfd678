import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import type { ApiRequest, ProviderSpec } from './transport';
import { apiList } from './transport';

/**
 * Polling triggers: change detection, cursor and paging for every provider's Record Trigger.
 *
 * A list is read newest first. Two ways to tell what is new:
 *  - `ordered`: the API sorts by a timestamp (`created_at` for new records, `updated_at` for
 *    changes). The cursor is the newest timestamp already handled, plus the keys of the records
 *    that carry exactly that timestamp (the boundary), so records sharing a timestamp are neither
 *    lost nor repeated. Reading stops at the first record older than the cursor: one request when
 *    nothing is new, ⌈new/page⌉ (+1 when the last new record ends a page) otherwise.
 *  - `window`: the API offers no change order (no `updated_at` sort), so the poller watches the
 *    newest page: it remembers each record's key there and reports the ones whose key changed.
 *    Still one request per poll; changes of records older than the newest page are not seen.
 *
 * The state lives in the node's workflow static data, which n8n saves when a poll emits. It is
 * written only after every page was read, so a failing poll leaves the position where it was.
 */

/** How a list pages: `page` numbers (1-based) or `offset`s. */
export interface PollPaging {
	type: 'page' | 'offset';
	pageParam: string;
	sizeParam: string;
	pageSize: number;
	/** Total record count from a list body, when the API gives one (to notice a list that moved). */
	total?: (body: unknown) => number | undefined;
}

/** One event of a poller: which list, which order, which key. */
export interface PollEvent {
	/** List path, relative to the credential's Base URL. */
	url: string;
	/** Query parameters that sort newest first and filter server-side. */
	qs: IDataObject;
	mode: 'ordered' | 'window';
	/** Record field the list is sorted by (newest first), an ISO timestamp. */
	orderField: string;
	/**
	 * For change events: the field whose value makes a change (`status`, `stage`). A record is
	 * then reported when that value differs from the last one seen; the key is id + value.
	 */
	changeField?: string;
	/** Records to report (client-side filters: minimum score, chosen agents, …). */
	match?: (record: IDataObject) => boolean;
	/** `window` mode: whether records new to the window count (off: only changes of known ones). */
	reportNew?: boolean;
}

export interface PollSource {
	spec: ProviderSpec;
	credentialType: string;
	baseUrl: string;
	paging: PollPaging;
	/** Record id field (default `id`). */
	idField?: string;
}

/** What the node keeps in its static data. Versioned, so a package upgrade can read old state. */
export interface PollState {
	v: 1;
	/** Which event (and filters) this state belongs to: another event starts afresh. */
	scope: string;
	/** `ordered`: newest order value handled, and the keys at exactly that value. */
	cursor?: string;
	boundary?: string[];
	/** Last seen value of `changeField` (or key, in `window` mode) per id, newest first, bounded. */
	seen?: Record<string, string>;
}

/** Bounds of the state: enough for any realistic burst, small enough to save on every emit. */
export const MAX_BOUNDARY = 1000;
export const MAX_SEEN = 2000;
/** A list that moves while being read is read again from the top, at most this many times. */
const MAX_REREADS = 3;
/** "Include Existing" reads at most this many pages on first activation. */
const MAX_EXISTING_PAGES = 100;

/** The trigger's shared options: Include Existing. */
export const includeExistingOption: INodeProperties = {
	displayName: 'Include Existing',
	name: 'includeExisting',
	type: 'boolean',
	default: false,
	description:
		'Whether the first poll after activation emits the records that already exist (up to 100 pages). Off: the first poll only notes where the list stands and emits nothing from the past.',
};

export const pollNotice: INodeProperties = {
	displayName:
		'Checks the list on the schedule below and starts the workflow once per new or changed record. Fetch Test Event returns the newest matching record so you can map its fields.',
	name: 'pollNotice',
	type: 'notice',
	default: '',
};

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

function recordId(source: PollSource, record: IDataObject) {
	return text(record[source.idField ?? 'id']);
}

/** The identity of one version of a record: id + its order value (+ the changed field's value). */
function keyOf(source: PollSource, event: PollEvent, record: IDataObject) {
	const parts = [recordId(source, record), text(record[event.orderField])];
	if (event.changeField) parts.push(text(record[event.changeField]));
	return parts.join('|');
}

/** Newest first; records sharing a timestamp in id order, so the order never depends on the API's ties. */
function newestFirst(event: PollEvent, source: PollSource) {
	return (a: IDataObject, b: IDataObject) =>
		compareOrder(text(b[event.orderField]), text(a[event.orderField])) || recordId(source, a).localeCompare(recordId(source, b));
}

/** ISO timestamps compare as instants (offsets and precision differ between APIs). */
export function compareOrder(a: string, b: string): number {
	const ta = Date.parse(a);
	const tb = Date.parse(b);
	if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta < tb ? -1 : 1;
	if (!Number.isNaN(ta) && !Number.isNaN(tb)) return 0;
	return a < b ? -1 : a > b ? 1 : 0;
}

const createdAt = (record: IDataObject) => text(record.created_at ?? record.createdAt);

/**
 * A record changed after it was created: its `updated_at` is a later instant than its
 * `created_at` (compared as instants, so the same moment written two ways is no change).
 */
export function updatedAfterCreation(record: IDataObject): boolean {
	return compareOrder(text(record.updated_at ?? record.updatedAt), createdAt(record)) > 0;
}

type Context = Pick<IPollFunctions, 'getNode' | 'helpers' | 'getCredentials'>;

/** One page of the list, newest first. */
async function readPage(context: Context, source: PollSource, event: PollEvent, index: number) {
	const { paging } = source;
	const position = paging.type === 'page' ? index + 1 : index * paging.pageSize;
	const request: ApiRequest = {
		method: 'GET',
		url: event.url,
		qs: { ...event.qs, [paging.pageParam]: position, [paging.sizeParam]: paging.pageSize },
	};
	// The whole body: the list's envelope carries the total. Read as strictly as every list (an
	// undocumented envelope or an over-deep answer is an error), since the position moves on.
	const { body, records } = await apiList.call(context as never, source.spec, source.credentialType, source.baseUrl, request);
	return { records, total: paging.total?.(body), full: records.length >= paging.pageSize };
}

/** Stops a poll whose list does not advance, as Return All stops (nodes/shared/pagination.ts). */
function stalledPoll(context: Context, source: PollSource, event: PollEvent, problem: string) {
	return new NodeApiError(context.getNode(), { list: `GET ${event.url}` }, {
		message: `${source.spec.name} kept paging GET ${event.url} without advancing: ${problem}`,
		description: 'The poll stopped here instead of reading forever, emitted nothing and kept its position; the next poll tries again.',
	});
}

/** Fails the poll when the list is not newest first: reading on would miss records silently. */
function checkNewestFirst(context: Context, source: PollSource, event: PollEvent, records: IDataObject[]) {
	for (let i = 1; i < records.length; i++) {
		if (compareOrder(text(records[i - 1][event.orderField]), text(records[i][event.orderField])) < 0) {
			throw new NodeApiError(context.getNode(), {}, {
				message: `${source.spec.name} did not list ${event.url} newest first (by ${event.orderField})`,
				description: 'The trigger reads the newest records and stops at the first one it has seen; in another order it would miss records, so it stops instead.',
			});
		}
	}
}

/**
 * Reads newest first until `done` says a record is old enough to stop, de-duplicating records
 * that slide from one page to the next while the list grows. When the total changes between
 * pages (a record deleted above, which would let one slip past unseen), it reads again.
 */
async function readUntil(
	context: Context,
	source: PollSource,
	event: PollEvent,
	done: (record: IDataObject) => boolean,
	maxPages: number,
): Promise<IDataObject[]> {
	const { paging } = source;
	for (let attempt = 0; ; attempt++) {
		const read = new Map<string, IDataObject>();
		// One digest per page: a provider that ignores the page parameter would be read forever.
		const pages = new Map<string, string>();
		let firstTotal: number | undefined;
		let moved = false;
		for (let index = 0; index < maxPages; index++) {
			const page = await readPage(context, source, event, index);
			const where = paging.type === 'page' ? `page ${index + 1}` : `offset ${index * paging.pageSize}`;
			if (page.records.length) {
				const digest = createHash('sha1').update(page.records.map((r) => keyOf(source, event, r)).join('\n')).digest('base64');
				const earlier = pages.get(digest);
				if (earlier !== undefined) throw stalledPoll(context, source, event, `it answered ${where} with the same records as ${earlier}, so it ignores "${paging.pageParam}"`);
				pages.set(digest, where);
				if (page.total !== undefined && index * paging.pageSize >= page.total) {
					throw stalledPoll(context, source, event, `it sent records at ${where}, past the ${page.total} records it reports`);
				}
			}
			if (index === 0) firstTotal = page.total;
			else if (page.total !== undefined && page.total !== firstTotal) moved = true;
			checkNewestFirst(context, source, event, page.records);
			let stop = !page.full;
			for (const record of page.records) {
				if (done(record)) {
					stop = true;
					break;
				}
				read.set(keyOf(source, event, record), record);
			}
			if (stop || moved) break;
		}
		if (!moved || attempt >= MAX_REREADS) return [...read.values()].sort(newestFirst(event, source));
	}
}

function remember(seen: Record<string, string>, entries: Array<[string, string]>): Record<string, string> {
	// Newest first, then older entries, cut to the bound.
	const merged = new Map<string, string>(entries);
	for (const [id, value] of Object.entries(seen)) if (!merged.has(id)) merged.set(id, value);
	return Object.fromEntries([...merged].slice(0, MAX_SEEN));
}

export interface PollOptions {
	event: PollEvent;
	/** Identifies the event and its filters; state of another scope is discarded. */
	scope: string;
	includeExisting: boolean;
	/** Manual mode: the newest matching record, state untouched. */
	manual: boolean;
}

/**
 * One poll: the records to emit (oldest first, as they happened) and the state to keep.
 * Pure with respect to the node: the caller stores `state` only after a successful poll.
 */
export async function pollRecords(
	context: Context,
	source: PollSource,
	previous: PollState | undefined,
	options: PollOptions,
): Promise<{ records: IDataObject[]; state: PollState }> {
	const { event } = options;
	const match = event.match ?? (() => true);
	const state: PollState | undefined = previous?.v === 1 && previous.scope === options.scope ? previous : undefined;

	if (options.manual) {
		let found: IDataObject | undefined;
		await readUntil(context, source, event, (record) => {
			if (match(record)) found = record;
			return found !== undefined;
		}, 10);
		return { records: found ? [found] : [], state: state ?? { v: 1, scope: options.scope } };
	}

	if (event.mode === 'window') return await pollWindow(context, source, state, options);

	// First poll of this event: only notes where the list stands (an empty list stands nowhere:
	// then every record that appears later is new).
	const first = state === undefined;
	const boundary = new Set(state?.boundary ?? []);
	const cursor = state?.cursor;
	const read = await readUntil(
		context,
		source,
		event,
		(record) => cursor !== undefined && compareOrder(text(record[event.orderField]), cursor) < 0,
		first ? (options.includeExisting ? MAX_EXISTING_PAGES : 1) : Infinity,
	);
	const fresh = read.filter((record) => !boundary.has(keyOf(source, event, record)));

	// The new cursor is the newest value read; its boundary adds to the old one when unchanged.
	const newest = read.length ? text(read[0][event.orderField]) : cursor;
	const atNewest = read.filter((r) => text(r[event.orderField]) === newest).map((r) => keyOf(source, event, r));
	const nextBoundary = newest === cursor ? [...new Set([...atNewest, ...boundary])] : atNewest;

	let emit = first && !options.includeExisting ? [] : fresh;
	let seen = state?.seen;
	if (event.changeField) {
		// A change event reports a record whose field differs from the value last seen. A record
		// not seen before counts when it was changed after creation (the API does not say what
		// changed; the docs say so).
		const field = event.changeField;
		const last = seen ?? {};
		emit = emit.filter((record) => {
			const before = last[recordId(source, record)];
			if (before !== undefined) return before !== text(record[field]);
			return compareOrder(text(record[event.orderField]), createdAt(record)) > 0;
		});
		seen = remember(last, fresh.map((r) => [recordId(source, r), text(r[field])]));
	}
	return {
		records: emit.filter(match).reverse(),
		state: { v: 1, scope: options.scope, cursor: newest, boundary: nextBoundary.slice(0, MAX_BOUNDARY), ...(seen ? { seen } : {}) },
	};
}

/** `window` mode: compare the newest page with the keys remembered from the last poll. */
async function pollWindow(context: Context, source: PollSource, state: PollState | undefined, options: PollOptions) {
	const { event } = options;
	const page = await readUntil(context, source, event, () => false, 1);
	const before = state?.seen;
	const oldestKnown = state?.cursor;
	const emit = before === undefined
		? options.includeExisting ? page : []
		: page.filter((record) => {
			const last = before[recordId(source, record)];
			if (last !== undefined) return last !== keyOf(source, event, record);
			if (!event.reportNew) return false;
			// Unknown id: new when not older than the oldest record of the last window (else it
			// slid in from below because newer ones were deleted, and is not news).
			return oldestKnown === undefined || compareOrder(text(record[event.orderField]), oldestKnown) >= 0;
		});
	const oldest = page.length ? text(page[page.length - 1][event.orderField]) : oldestKnown;
	return {
		records: emit.filter(event.match ?? (() => true)).reverse(),
		state: {
			v: 1 as const,
			scope: options.scope,
			cursor: oldest,
			seen: remember({}, page.map((r) => [recordId(source, r), keyOf(source, event, r)])),
		},
	};
}

/** What every Record Trigger's description shares; each poller adds its name, icon and events. */
export const recordTriggerBase = {
	group: ['trigger'],
	version: 1,
	polling: true,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
} satisfies Partial<INodeTypeDescription>;

/** The poller's own fields between the notice and Include Existing. */
export function recordTriggerProperties(properties: INodeProperties[]): INodeProperties[] {
	return [pollNotice, ...properties, includeExistingOption];
}

/**
 * The `poll()` of every Record Trigger: runs one poll, keeps the state in the node's static data
 * and returns the items, or null when there is nothing to start the workflow with.
 */
export async function runPoll(
	this: IPollFunctions,
	source: PollSource,
	event: PollEvent,
	scope: string,
): Promise<INodeExecutionData[][] | null> {
	const manual = this.getMode() === 'manual';
	const staticData = this.getWorkflowStaticData('node') as { poll?: PollState };
	const includeExisting = this.getNodeParameter('includeExisting', false) as boolean;
	const { records, state } = await pollRecords(this, source, staticData.poll, { event, scope, includeExisting, manual });
	if (!manual) staticData.poll = state;
	if (!records.length) return null;
	return [this.helpers.returnJsonArray(records)];
}
