// Live transcripts of VoxStack calls over the documented WebSocket (GET /calls/:id/live), shared
// by Call → Watch Live Transcript and the VoxStack Live Transcript Trigger. It uses the WebSocket
// client built into Node.js 22+ (n8n 2.x), so the package keeps no runtime dependency.
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	ITriggerFunctions,
	ITriggerResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { checkAnswerDepth } from '../shared/answers';
import { collectPages } from '../shared/pagination';
import { operation, pathParameter } from '../shared/routing';
import { apiList, apiRequest } from '../shared/transport';
import { answerPathSegment, inputError, pathIdProblem, pathSegment } from '../shared/validators';
import { VOXSTACK_CREDENTIAL, VOXSTACK_PAGE_SIZE, apiBaseUrl, voxStackSpec } from './api';

type Context = IExecutePaginationFunctions | ITriggerFunctions;
type WebSocketClass = typeof WebSocket;

export const ENDED_STATUSES = ['completed', 'failed'];
const KEEPALIVE_MS = 25_000;
/** Consecutive connections that bring nothing new before the stream gives up. */
const MAX_RECONNECTS = 6;
/** How long a connection may take to open when the node sets no Timeout; a stalled one is retried. */
const CONNECT_TIMEOUT_MS = 30_000;

export interface Turn extends IDataObject {
	index: number;
	role: string;
	message: string;
}

/** The WebSocket client of Node.js 22+; n8n 1.x runs Node.js 20, which has none by default. */
export function webSocketClient(node: INode): WebSocketClass {
	if (typeof WebSocket === 'function') return WebSocket;
	throw new NodeOperationError(node, 'Live transcripts need n8n 2.x (Node.js 22 or newer)', {
		description:
			'This n8n runs on a Node.js version without a built-in WebSocket client, which the live transcript stream needs. Upgrade to n8n 2.x, or read the transcript after the call with Call → Get Transcript.',
	});
}

/**
 * Waits `ms`, or less when the signal fires; says whether to go on. AbortSignal.timeout keeps
 * timers out of the node code (n8n's scanner forbids the timer globals).
 */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve(false);
		const timer = AbortSignal.timeout(ms);
		const done = () => {
			timer.removeEventListener('abort', done);
			signal.removeEventListener('abort', done);
			resolve(!signal.aborted);
		};
		timer.addEventListener('abort', done, { once: true });
		signal.addEventListener('abort', done, { once: true });
	});
}

/**
 * The turns of a transcript_update. The document only shows `data.transcript`; the sandbox sends
 * every turn so far, a server may send only the new one: both shapes are read, and a turn is
 * recognised by role, time and text, so repeats (e.g. after a reconnect) are not new.
 */
export function turnsOf(data: unknown): Array<{ key: string; turn: IDataObject }> | undefined {
	const body = (data ?? {}) as IDataObject;
	const raw = body.transcript ?? body.turn;
	const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : undefined;
	if (!list || !list.every((t) => t && typeof t === 'object' && typeof (t as IDataObject).message === 'string')) return undefined;
	return (list as IDataObject[]).map((turn, position) => ({
		key: `${String(turn.role ?? '')}|${String(turn.time_in_call_secs ?? `#${position}`)}|${String(turn.message)}`,
		turn,
	}));
}

/** What one call's stream has seen; kept across reconnects so no turn is reported twice. */
export interface CallProgress {
	seen: Set<string>;
	turns: Turn[];
	malformed: number;
}

export const newProgress = (): CallProgress => ({ seen: new Set(), turns: [], malformed: 0 });

interface FollowOptions {
	context: Context;
	client: WebSocketClass;
	callId: string;
	/** The WebSocket URL with its auth query, asked for afresh before every connection. */
	connectUrl: () => Promise<string>;
	progress: CallProgress;
	onTurn?: (turn: Turn) => void;
	signal: AbortSignal;
	itemIndex?: number;
	/** Deadline for each connection to open (the node's Timeout, else CONNECT_TIMEOUT_MS). */
	connectTimeoutMs?: number;
}

type SocketOutcome = { kind: 'ended'; status: string } | { kind: 'dropped'; code: number; progressed: boolean; timedOut?: boolean } | { kind: 'stopped' };

/** Runs one connection until the call ends, the socket closes, or the signal fires. */
function runSocket(options: FollowOptions, url: string): Promise<SocketOutcome> {
	const { client, progress, signal, context, callId } = options;
	return new Promise((resolve, reject) => {
		let socket: WebSocket;
		try {
			socket = new client(url);
		} catch (error) {
			// Reworded: the client's own message may quote the URL, which holds the key or token.
			reject(new NodeApiError(context.getNode(), { name: (error as Error).name }, { message: `Could not open the VoxStack live stream of call ${callId}`, description: 'The WebSocket URL VoxStack returned was not accepted by the WebSocket client.', itemIndex: options.itemIndex }));
			return;
		}
		const keepalive = new AbortController();
		let connected = false;
		let progressed = false;
		let settled = false;
		// A handshake that stalls counts as a dropped connection, instead of holding the stream.
		const openBy = AbortSignal.timeout(options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
		const onConnectTimeout = () => {
			if (socket.readyState === socket.CONNECTING) finish({ kind: 'dropped', code: 1006, progressed: false, timedOut: true });
		};
		const finish = (outcome: SocketOutcome | Error) => {
			if (settled) return;
			settled = true;
			openBy.removeEventListener('abort', onConnectTimeout);
			signal.removeEventListener('abort', onAbort);
			keepalive.abort();
			if (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN) socket.close(1000);
			if (outcome instanceof Error) reject(outcome);
			else resolve(outcome);
		};
		const onAbort = () => finish({ kind: 'stopped' });
		signal.addEventListener('abort', onAbort, { once: true });
		openBy.addEventListener('abort', onConnectTimeout, { once: true });

		socket.addEventListener('open', () => {
			void (async () => {
				while (await pause(KEEPALIVE_MS, keepalive.signal)) {
					if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'ping' }));
				}
			})();
		});
		socket.addEventListener('message', (event: MessageEvent) => {
			let message: IDataObject;
			try {
				message = JSON.parse(String(event.data)) as IDataObject;
			} catch {
				// A frame that is not JSON is counted and skipped; the stream goes on.
				progress.malformed++;
				return;
			}
			const data = (message?.data ?? {}) as IDataObject;
			switch (message?.type) {
				case 'connected':
					connected = true;
					return;
				case 'transcript_update': {
					const turns = turnsOf(data);
					if (!turns) {
						progress.malformed++;
						return;
					}
					for (const { key, turn } of turns) {
						if (progress.seen.has(key)) continue;
						progress.seen.add(key);
						progressed = true;
						const numbered: Turn = { ...turn, index: progress.turns.length, role: String(turn.role ?? 'unknown'), message: String(turn.message) };
						progress.turns.push(numbered);
						options.onTurn?.(numbered);
					}
					return;
				}
				case 'call_status_update':
					if (ENDED_STATUSES.includes(String(data.status))) finish({ kind: 'ended', status: String(data.status) });
					return;
				case 'error':
					finish(streamError(context.getNode(), callId, message, connected, options.itemIndex));
					return;
				case 'pong':
					return;
				default:
					progress.malformed++;
			}
		});
		socket.addEventListener('close', (event: { code: number }) => finish({ kind: 'dropped', code: event.code, progressed }));
		// An 'error' event is always followed by 'close', which decides what happens next.
		socket.addEventListener('error', () => undefined);
	});
}

function streamError(node: INode, callId: string, message: IDataObject, connected: boolean, itemIndex?: number) {
	const text = String(message.error ?? message.message ?? 'unknown error');
	const auth = /token|key|auth|unauthori[sz]ed|forbidden/i.test(text);
	return new NodeApiError(node, message as JsonObject, {
		message: `VoxStack live stream of call ${callId}: ${text}`,
		description: auth
			? /expired/i.test(text)
				? 'Session tokens are valid for 5 minutes. The node asks for a fresh one before every connection, so this means the VoxStack server and n8n disagree on the time, or the token was rejected at once; connect with the API key instead.'
				: 'VoxStack refused the stream credentials. Check the API key in the VoxStack credential (it must belong to the call’s organization).'
			: connected
				? 'VoxStack reported an error on an open stream.'
				: 'VoxStack refused the stream before it started.',
		itemIndex,
	});
}

/**
 * Follows one call: connects, reconnects with backoff after a drop (fresh URL and token each
 * time), and returns the final status once the call ends, or undefined when stopped first.
 */
export async function followCall(options: FollowOptions): Promise<string | undefined> {
	for (let failures = 0; !options.signal.aborted; ) {
		const url = await options.connectUrl();
		if (options.signal.aborted) return undefined;
		const outcome = await runSocket(options, url);
		if (outcome.kind === 'ended') return outcome.status;
		if (outcome.kind === 'stopped') return undefined;
		failures = outcome.progressed ? 1 : failures + 1;
		if (failures > MAX_RECONNECTS) {
			const connectTimeout = `${(options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS) / 1000} s`;
			throw new NodeApiError(options.context.getNode(), { closeCode: outcome.code }, {
				message: outcome.timedOut
					? `The VoxStack live stream of call ${options.callId} did not open within the connect timeout of ${connectTimeout}`
					: `The VoxStack live stream of call ${options.callId} keeps closing (code ${outcome.code})`,
				description: `${MAX_RECONNECTS} connections in a row brought no new transcript. Check that the WebSocket URL VoxStack returns for GET /calls/:id/live is reachable from n8n.`,
				itemIndex: options.itemIndex,
			});
		}
		const backoff = Math.min(10_000, 250 * 2 ** (failures - 1)) + Math.floor(Math.random() * 100);
		if (!(await pause(backoff, options.signal))) return undefined;
	}
	return undefined;
}

async function voxGet(context: Context, url: string, qs?: IDataObject) {
	const credentials = await context.getCredentials(VOXSTACK_CREDENTIAL);
	const answer = await apiRequest.call(context, voxStackSpec, VOXSTACK_CREDENTIAL, apiBaseUrl(credentials), { method: 'GET', url, qs });
	checkAnswerDepth(context.getNode(), voxStackSpec.name, answer);
	return answer;
}

/** Hosts a ws:// URL may carry the API key to (this machine only). */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The WebSocket URL with its credential: the API key (when given), or the session token. The API
 * key never travels in cleartext: over ws:// to another machine the session token (5 minutes,
 * this call only) is used instead, or the connection is refused.
 */
export function streamUrl(context: Context, callId: string, given: string, info: IDataObject, apiKey: string | undefined): string {
	const url = new URL(given);
	const cleartext = url.protocol === 'ws:' && !LOOPBACK_HOST.test(url.hostname);
	if (apiKey !== undefined && !(cleartext && info.temp_token)) {
		if (cleartext) {
			throw new NodeApiError(context.getNode(), { websocket_url: `${url.protocol}//${url.host}` }, {
				message: `VoxStack named an unencrypted WebSocket address (ws://${url.host}) for call ${callId}`,
				description: 'The API key is never sent over ws:// to another host, and VoxStack returned no session token to use instead. Ask VoxStack for a wss:// address.',
			});
		}
		url.searchParams.set('api_key', apiKey);
	} else {
		url.searchParams.set('session_token', String(info.temp_token ?? ''));
	}
	return url.toString();
}

/** GET /calls/:id/live, then its WebSocket URL with the API key or the session token it returned. */
function liveUrl(context: Context, callId: string, auth: string) {
	return async () => {
		const info = (await voxGet(context, `/calls/${answerPathSegment(context.getNode(), 'VoxStack', 'call id', callId)}/live`)) as IDataObject;
		const given = String(info?.websocket_url ?? (info?.connection_info as IDataObject | undefined)?.url ?? '');
		if (!/^wss?:\/\/[^/]/i.test(given)) {
			throw new NodeApiError(context.getNode(), { websocket_url: given.slice(0, 200) }, {
				message: `VoxStack gave no usable WebSocket URL for call ${callId}`,
				description: `GET /calls/${callId}/live answered "${given.slice(0, 200)}"; a ws:// or wss:// address was expected.`,
			});
		}
		const apiKey = auth === 'sessionToken' ? undefined : String((await context.getCredentials(VOXSTACK_CREDENTIAL)).apiKey);
		return streamUrl(context, callId, given, info, apiKey);
	};
}

export const connectWith: INodeProperties = {
	displayName: 'Connect With',
	name: 'connectWith',
	type: 'options',
	options: [
		{ name: 'API Key', value: 'apiKey', description: 'The API key of the credential, sent as ?api_key= over wss:// (an unencrypted ws:// address on another host gets the session token instead)' },
		{ name: 'Session Token', value: 'sessionToken', description: 'The 5-minute token VoxStack hands out with the live connection info, sent as ?session_token= (the API key stays out of the WebSocket URL)' },
	],
	default: 'apiKey',
};

// ── Action: Call → Watch Live Transcript ─────────────────────────────────────────────────────

const showWatch = { resource: ['call'], operation: ['watchLive'] };

export const watchLiveFields: INodeProperties[] = [
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 20,
		description: 'How long to follow the call at most; the turns said so far are returned when it runs out before the call ends',
		displayOptions: { show: showWatch },
	},
	{
		displayName: 'Output',
		name: 'liveOutput',
		type: 'options',
		options: [
			{ name: 'One Item With All Turns', value: 'all' },
			{ name: 'One Item per Update', value: 'each' },
		],
		default: 'all',
		displayOptions: { show: showWatch },
	},
	{ ...connectWith, displayOptions: { show: showWatch } },
];

async function watchLiveTranscript(this: IExecutePaginationFunctions, _request: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const client = webSocketClient(this.getNode());
	const callId = String(this.getNodeParameter('callId', '', { extractValue: true }) ?? '').trim();
	const maxWait = Number(this.getNodeParameter('maxWait', 20));
	if (!Number.isFinite(maxWait) || maxWait <= 0) throw inputError(this.getNode(), itemIndex, 'Max Wait (Seconds)', 'must be a positive number');
	const mode = this.getNodeParameter('liveOutput', 'all') as string;
	const started = Date.now();

	const call = (await voxGet(this, `/calls/${pathSegment(this.getNode(), itemIndex, 'Call', callId)}`)) as IDataObject;
	let status = String(call?.status ?? 'unknown');
	let source = 'stored';
	const progress = newProgress();
	if (ENDED_STATUSES.includes(status)) {
		// Nothing to stream: the stored transcript (empty until VoxStack has fetched it).
		const stored = Array.isArray(call.transcript) ? (call.transcript as IDataObject[]) : [];
		stored.forEach((turn, index) => progress.turns.push({ ...turn, index, role: String(turn.role ?? 'unknown'), message: String(turn.message ?? '') }));
	} else {
		source = 'live';
		const signals = [AbortSignal.timeout(maxWait * 1000), this.getExecutionCancelSignal?.()].filter((s): s is AbortSignal => s !== undefined);
		const final = await followCall({
			context: this,
			client,
			callId,
			connectUrl: liveUrl(this, callId, this.getNodeParameter('connectWith', 'apiKey') as string),
			progress,
			signal: AbortSignal.any(signals),
			itemIndex,
			connectTimeoutMs: Number((this.getNodeParameter('requestOptions', {}) as IDataObject).timeout) || undefined,
		});
		status = final ?? 'in_progress';
	}
	const ended = ENDED_STATUSES.includes(status);
	const summary = {
		call_id: callId,
		status,
		ended,
		timed_out: !ended && source === 'live',
		source,
		waited_seconds: Math.round((Date.now() - started) / 100) / 10,
		...(progress.malformed ? { skipped_messages: progress.malformed } : {}),
	};
	if (mode === 'each') {
		return progress.turns.map((turn) => ({ json: { call_id: callId, ...turn, call_status: status, ended }, pairedItem: { item: itemIndex } }));
	}
	return [{ json: { ...summary, turn_count: progress.turns.length, turns: progress.turns }, pairedItem: { item: itemIndex } }];
}

export const watchLiveOperation: INodePropertyOptions = operation(voxStackSpec, {
	name: 'Watch Live Transcript',
	value: 'watchLive',
	action: 'Watch a call live transcript',
	description: 'Follow an ongoing call and return what was said, until it ends or Max Wait runs out (an ended call returns its stored transcript)',
	method: 'GET',
	url: '/calls/{callId}/live',
	preSend: [pathParameter('callId', 'Call')],
	execute: watchLiveTranscript,
});

// ── Trigger: one execution per transcript update of every ongoing call ──────────────────────

export interface TriggerSettings {
	agentIds: string[];
	taskIds: string[];
	callerOnly: boolean;
	match: (text: string) => boolean;
	pollMs: number;
	connectWith: string;
}

/** Reads and checks the trigger's parameters before anything connects. */
export function triggerSettings(context: ITriggerFunctions): TriggerSettings {
	const node = context.getNode();
	const list = (name: string) => ((context.getNodeParameter(name, []) as string[]) ?? []).map(String).filter(Boolean);
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const filter = context.getNodeParameter('match', 'all') as string;
	let match = (_text: string) => true;
	if (filter === 'keywords') {
		const words = String(context.getNodeParameter('keywords', '')).split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
		if (!words.length) throw new NodeOperationError(node, 'Keywords is empty', { description: 'Give at least one keyword, e.g. "cancel, terminate", or choose Every Update.' });
		match = (text) => words.some((w) => text.toLowerCase().includes(w));
	} else if (filter === 'regex') {
		const source = String(context.getNodeParameter('pattern', ''));
		let pattern: RegExp;
		try {
			pattern = new RegExp(source, 'i');
		} catch (error) {
			throw new NodeOperationError(node, `Regular Expression is not valid: ${(error as Error).message}`);
		}
		if (!source) throw new NodeOperationError(node, 'Regular Expression is empty');
		match = (text) => pattern.test(text);
	}
	const pollSeconds = Number(options.pollInterval ?? 5);
	if (!Number.isFinite(pollSeconds) || pollSeconds < 1) throw new NodeOperationError(node, 'Poll Interval (Seconds) must be at least 1');
	return {
		agentIds: list('agentIds'),
		taskIds: list('taskIds'),
		callerOnly: context.getNodeParameter('callerOnly', false) as boolean,
		match,
		pollMs: pollSeconds * 1000,
		connectWith: String(options.connectWith ?? 'apiKey'),
	};
}

/** Every in-progress call in the chosen scope (GET /calls?status=in_progress, all pages). */
async function ongoingCalls(context: ITriggerFunctions, settings: TriggerSettings): Promise<IDataObject[]> {
	const paging = { type: 'offset' as const, limitParam: 'limit', offsetParam: 'offset', maxPageSize: VOXSTACK_PAGE_SIZE };
	const calls = (await collectPages(
		paging,
		Infinity,
		async (qs) => {
			const credentials = await context.getCredentials(VOXSTACK_CREDENTIAL);
			return await apiList.call(context, voxStackSpec, VOXSTACK_CREDENTIAL, apiBaseUrl(credentials), { method: 'GET', url: '/calls', qs: { status: 'in_progress', ...qs } });
		},
		(problem) => new NodeApiError(context.getNode(), {}, { message: `VoxStack kept paging GET /calls without advancing: ${problem}` }),
	)) as IDataObject[];
	return calls.filter(
		(c) =>
			(!settings.agentIds.length || settings.agentIds.includes(String(c.agent_id))) &&
			(!settings.taskIds.length || settings.taskIds.includes(String(c.task_id))),
	);
}

/**
 * While the workflow is active: polls for calls in progress, follows each on its own socket and
 * emits one execution per new turn that passes the filters. Streams end with their call;
 * deactivation (or the first event of a manual test) stops the polling and closes every socket.
 */
export async function watchOngoingCalls(this: ITriggerFunctions): Promise<ITriggerResponse> {
	const client = webSocketClient(this.getNode());
	const settings = triggerSettings(this);
	const manual = this.getMode() === 'manual';
	const stop = new AbortController();
	const progress = new Map<string, CallProgress>();
	const following = new Map<string, Promise<void>>();
	const finished = new Set<string>();

	const follow = async (call: IDataObject) => {
		const callId = String(call.id);
		if (!progress.has(callId)) progress.set(callId, newProgress());
		try {
			const status = await followCall({
				context: this,
				client,
				callId,
				connectUrl: liveUrl(this, callId, settings.connectWith),
				progress: progress.get(callId)!,
				signal: stop.signal,
				onTurn: (turn) => {
					if (stop.signal.aborted) return;
					if (settings.callerOnly && turn.role !== 'user') return;
					if (!settings.match(turn.message)) return;
					this.emit([this.helpers.returnJsonArray([{ call_id: callId, agent_id: call.agent_id, task_id: call.task_id, to_number: call.to_number, ...turn, received_at: new Date().toISOString() }])]);
					if (manual) stop.abort();
				},
			});
			if (status !== undefined) finished.add(callId);
		} catch (error) {
			// Left unfinished, so the next poll tries again (the progress keeps it free of repeats).
			if (manual) this.emitError(error as Error);
			else this.logger.warn(`VoxStack Live Transcript Trigger: ${(error as Error).message}`);
		} finally {
			following.delete(callId);
		}
	};
	const poll = async () => {
		for (const call of await ongoingCalls(this, settings)) {
			const callId = String(call.id);
			if (stop.signal.aborted || following.has(callId) || finished.has(callId)) continue;
			// An ID that would change the endpoint of GET /calls/:id/live is never followed.
			const problem = pathIdProblem(callId);
			if (problem) {
				finished.add(callId);
				this.logger.warn(`VoxStack Live Transcript Trigger: skipped a call whose ID ${problem}`);
				continue;
			}
			following.set(callId, follow(call));
		}
	};

	// The first poll runs before activation completes, so a wrong key or URL fails activation.
	await poll();
	void (async () => {
		while (await pause(settings.pollMs, stop.signal)) {
			try {
				await poll();
			} catch (error) {
				this.logger.warn(`VoxStack Live Transcript Trigger could not list calls: ${(error as Error).message}`);
			}
		}
	})();

	return {
		closeFunction: async () => {
			stop.abort();
			await Promise.allSettled([...following.values()]);
		},
	};
}
