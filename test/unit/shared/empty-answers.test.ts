// Every operation of every action node, answered with a 204 and with an empty 200: a success
// without content still outputs one item per input item (n8n's own nodes answer deletes with
// `{ deleted: true }`), so the nodes after it run. Operations are read from the node
// descriptions, so a new operation is covered without touching this file.
import type { IDataObject, INodeType } from 'n8n-workflow';

import { voxSuite } from '../voxstack/setup';
import type { OperationRef } from './operations';
import { actionNodes, inputItems, operationsOf, shown, validParameters } from './operations';

// Watch Live Transcript needs the WebSocket client Node 22+ has as a global; jest runs on Node 20.
if (typeof WebSocket === 'undefined') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.assign(globalThis, { WebSocket: require('undici').WebSocket });
}

/**
 * The only operations that do not answer an empty success with one `success`/`deleted` item per
 * input item, and why. List operations (those with Return All) are not here: an empty list is
 * zero records, as in n8n's own Get Many operations; that is asserted below too.
 */
const BY_DESIGN: Record<string, { items?: number; error?: RegExp; json?: IDataObject; why: string }> = {
	'convo conversation.bulk': { json: { updated: 0, skipped: 0 }, why: 'a bulk update reports its counts; an empty answer counts nothing' },
	'velents conversation.dispatchBatch': { items: 1, why: 'every input item is a row of one batch request: one result, paired with all rows' },
	'raia prompt.sendAsync': { error: /sent no ID to wait for/, why: 'waiting for the answer needs the prompt ID the answer should have carried' },
	'raia message.sendAsync': { error: /sent no ID to wait for/, why: 'waiting for the answer needs the message ID the answer should have carried' },
	'voxstack call.watchLive': { error: /gave no usable WebSocket URL/, why: 'following a call needs the stream URL the live-connection answer should have carried' },
	'timely channel.getQrCode': { error: /returned no QR code/, why: 'the operation exists to return the QR image; without one it fails clearly' },
};

/** Fields the guesses do not fill (rules across fields), per operation. */
const PARAMETERS: Record<string, IDataObject> = {
	'convo lead.create': { fieldsMode: 'json', fieldsJson: '{"name":"Ana"}' },
	'timely training.create': { additionalFields: { content: 'About us' } },
	'raia user.create': { additionalFields: { email: 'ana@example.com' } },
};

type Suite = { run: (p: IDataObject, extra?: IDataObject) => Promise<{ items: Array<{ json: IDataObject; pairedItem?: unknown }>; error?: Error }>; control: (a: string, b?: object) => Promise<unknown> };

const providers = actionNodes<Suite>();

function isList(node: INodeType, ref: OperationRef): boolean {
	const returnAll = node.description.properties.find((p) => p.name === 'returnAll' && shown(node.description.properties, p, ref.base));
	return returnAll !== undefined;
}

describe.each(providers)('%s: an answer without content', (name, node, makeSuite) => {
	const suite = makeSuite();
	const cases = operationsOf(name, node).flatMap((ref) => [204, 200].map((status) => [ref.label, status, ref] as const));

	it.each(cases)('%s answered %i outputs one item per input item', async (label, status, ref) => {
		await suite.control('faults', { kind: 'empty', status, remaining: 1000 });
		const parameters = validParameters(node, ref, PARAMETERS[label]);
		const { items, error } = await suite.run(parameters, { items: inputItems(2), continueOnFail: true });
		expect(error).toBeUndefined();
		const errors = items.map((i) => i.json.error).filter(Boolean);
		const design = BY_DESIGN[label];
		if (design?.error) {
			expect(items).toHaveLength(2);
			for (const message of errors) expect(String(message)).toMatch(design.error);
			expect(errors).toHaveLength(2);
			return;
		}
		expect(errors).toEqual([]);
		if (isList(node, ref)) {
			expect(items).toHaveLength(0);
			return;
		}
		expect(items).toHaveLength(design?.items ?? 2);
		if (design?.json) for (const item of items) expect(item.json).toMatchObject(design.json);
		if (!design) {
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const method = ref.method.toUpperCase();
			for (const item of items) {
				// Binary downloads output the (empty) file; everything else says what happened.
				if ('fileName' in item.json) continue;
				if (ref.url.includes('response-on')) expect(item.json).toMatchObject({ status: 'pending' });
				else expect(item.json).toMatchObject(method === 'DELETE' ? { deleted: true } : { success: true });
			}
		}
	});
});

describe('an envelope without data', () => {
	const vox = voxSuite();

	it('VoxStack: a delete answered {success: true, data: null} outputs { deleted: true, id }', async () => {
		const id = '3f2c8a9e-1b7d-4c55-9a0e-2d4b6f8c1a3e';
		await vox.control('faults', { method: 'DELETE', status: 200, body: { success: true, data: null }, remaining: 2 });
		const { items, error } = await vox.run({ resource: 'agent', operation: 'delete', agentId: { __rl: true, mode: 'id', value: id } });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
		const task = await vox.run({ resource: 'task', operation: 'delete', taskId: { __rl: true, mode: 'id', value: id } });
		expect(task.items.map((i) => i.json)).toEqual([{ deleted: true, id }]);
	});
});
