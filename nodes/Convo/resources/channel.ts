import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { operation, operationsOf } from '../../shared/routing';
import { CONVO_PAGE_SIZE, convoSpec } from '../api';

const show = { resource: ['channel'] };

export const channelOperations = operationsOf('channel', 'getAll', [
	operation(convoSpec, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many channels',
		description: 'List inbound channels (website, WhatsApp, Telegram, voice, …)',
		method: 'GET',
		url: '/channels',
		paging: { type: 'single' },
	}),
]);

export const channelFields: INodeProperties[] = [...returnAllAndLimit({ ...show, operation: ['getAll'] }, CONVO_PAGE_SIZE)];
