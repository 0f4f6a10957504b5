// Style sheets are imported for their side effect; Vite emits them as files.
declare module '*.css';
// Sounds are emitted as files; the import is their URL.
declare module '*.wav' {
  const url: string;
  export default url;
}
