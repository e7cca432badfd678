// raia Conversation → Start: each extra option is offered, and sent, only for the channels whose
// request body (StartEmail/Sms/VoiceConversationBodyDTO in the OpenAPI document) has it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { Raia } from '../../../nodes/Raia/Raia.node';
import { raiaSuite } from './setup';

const CHANNELS = { email: 'StartEmailConversationBodyDTO', sms: 'StartSmsConversationBodyDTO', voice: 'StartVoiceConversationBodyDTO' } as const;
const openApi = JSON.parse(readFileSync(join(__dirname, '../../fixtures/raia-external-api.openapi.json'), 'utf8'));
const bodyHas = (channel: keyof typeof CHANNELS, key: string) => key in openApi.components.schemas[CHANNELS[channel]].properties;

const startFields = new Raia().description.properties.filter((p) => p.displayOptions?.show?.resource?.includes('conversation') && p.displayOptions?.show?.operation?.includes('start'));
const options = startFields.find((p) => p.name === 'additionalFields')!.options as INodeProperties[];
/** Channels a field is shown for (all when it does not depend on the channel). */
const channelsOf = (shown: unknown) => (shown as string[] | undefined) ?? Object.keys(CHANNELS);

describe('raia › Start Conversation options per channel', () => {
	const raia = raiaSuite();

	it.each(options.map((o) => [o.name, o] as const))('%s is shown for exactly the channels whose body has it', (key, option) => {
		// A contact field is a top-level field on the channels that need it, an option on the others.
		const topLevel = startFields.find((p) => p.name === key && p.type !== 'collection');
		const asOption = channelsOf(option.displayOptions?.show?.['/channel']);
		const asField = topLevel ? channelsOf(topLevel.displayOptions?.show?.channel) : [];
		expect(asOption.filter((c) => asField.includes(c))).toEqual([]);
		const documentedFor = Object.keys(CHANNELS).filter((c) => bodyHas(c as keyof typeof CHANNELS, key));
		expect([...asOption, ...asField].sort()).toEqual(documentedFor.sort());
	});

	it('does not send an option the chosen channel has no field for (set while Channel was an expression)', async () => {
		const everyOption = { resetConversation: true, includeSignatureInEmail: true, includeSignatureInSms: true, source: 'n8n', phoneNumber: '+14155550999', email: 'x@example.com' };
		const voice = await raia.run({ authentication: 'raiaAgentApi', resource: 'conversation', operation: 'start', channel: '={{ "voice" }}', firstName: 'Vera', lastName: 'Voss', phoneNumber: '+14155550100', firstMessage: 'Hello Vera!', additionalFields: everyOption });
		expect(voice.error).toBeUndefined();
		const sms = await raia.run({ authentication: 'raiaAgentApi', resource: 'conversation', operation: 'start', channel: 'sms', firstName: 'Sam', lastName: 'Soto', phoneNumber: '+14155550101', smsIntroduction: 'Hi Sam', additionalFields: everyOption });
		expect(sms.error).toBeUndefined();
		const [voiceBody, smsBody] = raia.requests().map((r) => r.body);
		expect(voiceBody).toEqual({ channel: 'voice', firstName: 'Vera', lastName: 'Voss', phoneNumber: '+14155550100', firstMessage: 'Hello Vera!', source: 'n8n', email: 'x@example.com' });
		expect(smsBody).toEqual({ channel: 'sms', firstName: 'Sam', lastName: 'Soto', phoneNumber: '+14155550101', smsIntroduction: 'Hi Sam', source: 'n8n', resetConversation: true, includeSignatureInSms: true, email: 'x@example.com' });
	});

	it('still requires the fields of the chosen channel, checked when run', async () => {
		const { error } = await raia.run({ authentication: 'raiaAgentApi', resource: 'conversation', operation: 'start', channel: '={{ "email" }}', firstName: 'Ed', lastName: 'Eng', email: 'ed@example.com', emailIntroduction: 'Hi' });
		expect(error?.message).toMatch(/^Email Subject is required/);
		expect(raia.requests()).toHaveLength(0);
	});
});
