const o={version:"3.998.3"};export{o as p};
