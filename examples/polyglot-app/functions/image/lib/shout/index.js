// A dependency of the image function, installed by `npm install` in its Dockerfile.
exports.shout = (text) => `${text.toUpperCase()}!`;
