// Files saved from the browser: text the page already holds (a certificate, a private key) or
// a file already fetched (a report); nothing more is sent anywhere.

/** Offers `text` as a download called `filename`. */
export function saveTextFile(filename, text, type = 'application/x-pem-file') {
  saveBlobFile(filename, new Blob([text], { type }))
}

/** Offers `blob` (e.g. a file the server sent) as a download called `filename`. */
export function saveBlobFile(filename, blob) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The click has started the download by now; the object URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
