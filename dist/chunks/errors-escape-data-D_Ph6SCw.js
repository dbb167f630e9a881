function e(e){return e.replace(/%/g,"%25").replace(/\r/g,"%0D").replace(/\n/g,"%0A").replace(/##\[/g,"##%5B").replace(/^(\s*)::/,"$1%3A:")}export{e};
