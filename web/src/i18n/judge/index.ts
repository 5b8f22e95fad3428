import { addCatalogue } from '../index.svelte';
import en from './en.json';
import vi from './vi.json';

/** The judge's catalogue. */
addCatalogue({ vi, en });
