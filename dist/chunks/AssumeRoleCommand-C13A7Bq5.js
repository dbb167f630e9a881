import{c as s,ah as a,_ as e,a as o}from"./exchanges-diagnosis-sts-request-D3pt_Scs.js";class t extends(s(o,e,"AssumeRole",a)){}export{t as A};
