// Every documented endpoint (test/fixtures/endpoints.tsv, a copy of the project's reference
// list) is exactly one operation of the provider's node, and no operation is undocumented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { Convo } from '../../nodes/Convo/Convo.node';
import { Raia } from '../../nodes/Raia/Raia.node';
import { TimelyAi } from '../../nodes/TimelyAi/TimelyAi.node';
import { Velents } from '../../nodes/Velents/Velents.node';
import { VoxStack } from '../../nodes/VoxStack/VoxStack.node';

/** How each node's operation URLs relate to the documented paths. */
const providers: Array<[string, INodeType, (path: string) => string]> = [
	['convo', new Convo(), (path) => path.replace(/^\/api\/v1/, '')],
	['velents', new Velents(), (path) => path],
	['voxstack', new VoxStack(), (path) => path.replace(/^\/api\/v1/, '')],
	['timely-ai', new TimelyAi(), (path) => path],
	['raia', new Raia(), (path) => path],
];

const documented = readFileSync(join(__dirname, '../fixtures/endpoints.tsv'), 'utf8')
	.split('\n')
	.slice(1)
	.filter(Boolean)
	.map((line) => line.split('\t'));

/** Operations that build on another operation's endpoint: Watch Live Transcript follows
 * GET /calls/:id/live (Get Live Connection) onto the WebSocket it names. */
const DERIVED = new Set(['voxstack:watchLive']);

const normalise = (method: string, path: string) => `${method} ${path.replace(/(\{[^}]+\}|:\w+)/g, '{}')}`;

describe('documented endpoints ↔ operations', () => {
	it.each(providers)('%s: every documented endpoint is one operation, and nothing else', (provider, node, toNodePath) => {
		const want = documented.filter(([p]) => p === provider).map(([, method, path]) => normalise(method, toNodePath(path)));
		const got = node.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options as Array<{ value: string; routing: { request: { method: string; url: string } } }>)
				.filter((o) => !DERIVED.has(`${provider}:${o.value}`))
				.map((o) => normalise(o.routing.request.method, o.routing.request.url)));
		expect(want.length).toBeGreaterThan(0);
		expect([...got].sort()).toEqual([...want].sort());
	});
});
