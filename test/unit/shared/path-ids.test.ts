// IDs cannot move a request to another endpoint. Every operation whose URL has a path ID (read
// from the node descriptions, so a new operation is covered without touching this file) gets
// hostile IDs typed, mapped by an expression and, for pickers, as a From List value:
//  - `.`, `..`, their percent-encoded forms, control characters, broken Unicode and empty IDs are
//    refused naming the field and the item, and nothing is sent;
//  - any other ID goes out as one encoded path segment, so the request target the simulator
//    receives on the wire has the documented endpoint's shape (no extra segment, query or
//    fragment), whatever `/`, `?`, `#`, `%` or `$&` the ID holds.
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType } from 'n8n-workflow';

import type { SimRequest } from '../../harness/suite';
import { documentedRows, normalise } from '../documented';
import type { OperationRef } from './operations';
import { actionNodes, inputItems, operationsOf, shown, validParameters } from './operations';

if (typeof WebSocket === 'undefined') {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.assign(globalThis, { WebSocket: require('undici').WebSocket });
}

/** Refused before sending, whoever typed them. */
const REFUSED = ['', '   ', '.', '..', ' .. ', '%2e%2e', '%2E.', '.%2e', '%2e', '%252e%252e', 'a\r\nHost: evil.example', 'abc\u0000', '\u0007', 'a\u0085b', 'x\uD800'];
/** Typed by hand: a few of them (the expression run below takes them all). */
const REFUSED_TYPED = ['..', '.', '%2e%2e', '', 'a\r\nb'];
/** Sent, encoded into one segment. */
const ACCEPTED = ['a/b', 'x?y=1#z', '100%', '../escape', '..x', '$`$&', 'é ü'];

type Suite = {
	run: (p: IDataObject, extra?: IDataObject) => Promise<{ items: INodeExecutionData[]; error?: Error }>;
	requests: () => SimRequest[];
};

const providers = actionNodes<Suite>();

/** Fields the guesses do not fill (rules across fields), per operation. */
const PARAMETERS: Record<string, IDataObject> = {
	'timely training.create': { additionalFields: { content: 'About us' } },
};

const placeholders = (url: string) => [...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** The editor field that fills `{name}` for this operation. */
function fieldOf(node: INodeType, ref: OperationRef, name: string): INodeProperties {
	const { properties } = node.description;
	const field = properties.find((p) => p.name === name && shown(properties, p, ref.base));
	if (!field) throw new Error(`${ref.label}: no field ${name} fills {${name}}`);
	return field;
}

const asValue = (field: INodeProperties, value: string, mode = 'id') => (field.type === 'resourceLocator' ? { __rl: true, mode, value } : value);

/** The path of a request target, as sent (no dot segments resolved). */
const pathOf = (target: string) => target.split('?')[0];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A regular expression for the path of `template` with `{name}` = `segment` and every other
 * placeholder one segment. What follows the ID may be missing: an operation may first read the
 * record itself (Watch Live Transcript gets the call before its live endpoint).
 */
function shapeOf(template: string, name: string, segment: string): RegExp {
	const [before, after] = template.split(`{${name}}`).map((part) => part.split(/\{\w+\}/).map(escape).join('[^/?#]+'));
	return new RegExp(`^(?:/api/v1)?${before}${escape(segment)}(?:${after})?$`);
}

const errorsOf = (items: INodeExecutionData[]) => items.map((item) => String(item.json.error ?? ''));

describe.each(providers)('%s: hostile path IDs', (name, node, makeSuite) => {
	const suite = makeSuite();
	const cases = operationsOf(name, node).flatMap((ref) => placeholders(ref.url).map((placeholder) => [`${ref.label} {${placeholder}}`, ref, placeholder] as const));
	const accepted: string[] = [];

	/**
	 * Runs with two input items. n8n checks some typed values itself and does not start the run
	 * (an empty required field, a value a UUID picker's pattern refuses): refused too, by name.
	 */
	async function typed(parameters: IDataObject, field: INodeProperties): Promise<string[]> {
		try {
			const { items, error } = await suite.run(parameters, { items: inputItems(2), continueOnFail: true });
			expect(error).toBeUndefined();
			return errorsOf(items);
		} catch (error) {
			expect((error as Error).message).toMatch(/has issues:/);
			expect((error as Error).message).toMatch(new RegExp(`Not a valid ID \\(UUID\\)|Parameter "${field.displayName}" is required`));
			return [];
		}
	}

	it.each(cases)('%s: refused when typed, naming the field, nothing sent', async (_label, ref, placeholder) => {
		const field = fieldOf(node, ref, placeholder);
		const modes = field.type === 'resourceLocator' ? ['id', 'list'] : ['id'];
		for (const mode of modes) {
			for (const id of mode === 'list' ? ['..', '%2e%2e'] : REFUSED_TYPED) {
				const messages = await typed(validParameters(node, ref, { ...PARAMETERS[ref.label], [placeholder]: asValue(field, id, mode) }), field);
				messages.forEach((message, index) => {
					expect({ id, mode, message }).toEqual({ id, mode, message: expect.stringContaining(field.displayName) });
					expect(message).toContain(`[item ${index}]`);
				});
				expect(suite.requests()).toEqual([]);
			}
		}
	});

	it.each(cases)('%s: refused when mapped by an expression, per item, nothing sent', async (_label, ref, placeholder) => {
		const field = fieldOf(node, ref, placeholder);
		const items = inputItems(REFUSED.length).map((item, index) => ({ ...item, json: { ...item.json, hostileId: REFUSED[index] } }));
		const parameters = validParameters(node, ref, { ...PARAMETERS[ref.label], [placeholder]: asValue(field, '={{ $json.hostileId }}') });
		const result = await suite.run(parameters, { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const messages = errorsOf(result.items);
		expect(messages).toHaveLength(REFUSED.length);
		messages.forEach((message, index) => {
			expect({ id: REFUSED[index], message }).toEqual({ id: REFUSED[index], message: expect.stringContaining(field.displayName) });
			expect(message).toContain(`[item ${index}]`);
		});
		expect(suite.requests()).toEqual([]);
	});

	it.each(cases)('%s: any other ID is one encoded segment on the wire', async (_label, ref, placeholder) => {
		const field = fieldOf(node, ref, placeholder);
		const items = inputItems(ACCEPTED.length).map((item, index) => ({ ...item, json: { ...item.json, hostileId: ACCEPTED[index] } }));
		const parameters = validParameters(node, ref, { ...PARAMETERS[ref.label], [placeholder]: asValue(field, '={{ $json.hostileId }}') });
		const result = await suite.run(parameters, { items, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const targets = suite.requests().map((r) => r.target);
		// No request of any item left the documented shape: no fragment, no dot segment.
		for (const target of targets) {
			expect(target).not.toContain('#');
			expect(pathOf(target).split('/')).not.toEqual(expect.arrayContaining(['..']));
		}
		const messages = errorsOf(result.items);
		ACCEPTED.forEach((id, index) => {
			// A field that takes only UUIDs refuses these too, naming itself.
			if (/must be a UUID/.test(messages[index] ?? '')) {
				expect(messages[index]).toContain(field.displayName);
				return;
			}
			const shape = shapeOf(ref.url, placeholder, encodeURIComponent(id));
			expect({ id, sent: targets.filter((t) => shape.test(pathOf(t))) }).toEqual({ id, sent: [expect.any(String)] });
			accepted.push(ref.label);
		});
		if (messages.some((m) => /must be a UUID/.test(m))) expect(suite.requests()).toHaveLength(messages.filter((m) => !/must be a UUID/.test(m)).length);
	});

	it('the walk reached the wire: IDs that are not UUIDs were sent, encoded', () => {
		expect(cases.length).toBeGreaterThan(0);
		if (name !== 'timely') expect(new Set(accepted).size).toBeGreaterThan(0);
	});
});

describe('the walk covers every documented endpoint with a path parameter', () => {
	it('each of them is an operation walked above', () => {
		const walked = new Set(providers.flatMap(([name, node]) => operationsOf(name, node).filter((ref) => placeholders(ref.url).length).map((ref) => `${ref.method} ${normalise(ref.url)}`)));
		const documented = documentedRows('endpoints.tsv').filter(([, , path]) => /\{|:\w/.test(path));
		const missing = documented.filter(([, method, path]) => !walked.has(`${method} ${normalise(path)}`));
		expect(documented.length).toBeGreaterThan(100);
		expect(missing.map((row) => row.join(' '))).toEqual([]);
	});
});
