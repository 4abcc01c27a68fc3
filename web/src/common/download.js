// Files made in the browser from text the page already holds (a certificate, a private key):
// nothing is sent anywhere, the text is saved as the named file.

/** Offers `text` as a download called `filename`. */
export function saveTextFile(filename, text, type = 'application/x-pem-file') {
  const url = URL.createObjectURL(new Blob([text], { type }))
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
