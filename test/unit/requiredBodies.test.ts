// Every endpoint whose document says "Request body (JSON, required)" (test/fixtures/
// required-bodies.tsv, from the seeds; only the Timely AI document states it) gets a JSON object
// body, `{}` when no optional field is filled in: the node is run with only what it requires and
// the simulator's recorded request is checked.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { TimelyAi } from '../../nodes/TimelyAi/TimelyAi.node';
import { documentedRows, findOperation, requestsTo, sample } from './documented';
import { timelySuite } from './timely/setup';

/** Where the node needs more than its required fields to send anything (a rule across fields). */
const extra: Record<string, IDataObject> = {
	// Text trainings need their content (document: "required for text and url").
	'POST /v1/agents/{id}/trainings': { additionalFields: { content: 'About us' } },
};

describe('timely-ai: a documented required body is always sent', () => {
	const timely = timelySuite();
	const node = new TimelyAi();
	const rows = documentedRows('required-bodies.tsv').filter(([provider]) => provider === 'timely-ai');

	it('has endpoints to check', () => expect(rows.length).toBeGreaterThan(20));

	it.each(rows.map(([, method, path]) => [`${method} ${path}`, method, path]))('%s', async (name, method, path) => {
		const target = findOperation(node, method, path);
		expect(target).toBeDefined();
		const parameters: IDataObject = { ...target!.parameters, ...extra[name] };
		for (const property of target!.properties.filter((p) => p.required && !(p.name in parameters))) parameters[property.name] = sample(property, property.name) as IDataObject[string];
		// Updates change at least one field (the node refuses an empty update before sending).
		const updates = target!.properties.find((p) => p.name === 'updateFields');
		if (updates) {
			const field = (updates.options as INodeProperties[]).find((o) => o.type === 'string' || o.type === 'boolean')!;
			parameters.updateFields = { [field.name]: sample(field, field.name) as IDataObject[string] };
		}
		const { error } = await timely.run(parameters);
		const sent = requestsTo(timely.requests(), method, path);
		expect({ error: sent.length ? undefined : error?.message, sent: sent.length }).toEqual({ error: undefined, sent: 1 });
		expect(sent[0].headers['content-type']).toContain('application/json');
		expect(sent[0].body).toEqual(expect.any(Object));
	});

	it('Start Conversation with no field filled in sends {}', async () => {
		const channel = timely.data().channels[0] as IDataObject;
		const { error } = await timely.run({ resource: 'channel', operation: 'startConversation', channelId: { __rl: true, mode: 'id', value: channel.id } });
		expect(error).toBeUndefined();
		expect(timely.requests()[0]).toMatchObject({ method: 'POST', path: `/v1/channels/${String(channel.id)}/conversation`, body: {} });
	});
});
