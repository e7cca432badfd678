import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { operation } from '../../shared/routing';
import { CONVO_PAGE_SIZE, convoSpec } from '../api';

const show = { resource: ['channel'] };

export const channelOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show },
	default: 'getAll',
	options: [
		operation(convoSpec, {
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many channels',
			description: 'List inbound channels (website, WhatsApp, Telegram, voice, …)',
			method: 'GET',
			url: '/channels',
			paging: { type: 'single' },
		}),
	],
};

export const channelFields: INodeProperties[] = [...returnAllAndLimit({ ...show, operation: ['getAll'] }, CONVO_PAGE_SIZE)];
